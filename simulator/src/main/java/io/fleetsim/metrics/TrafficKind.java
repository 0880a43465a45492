package io.fleetsim.metrics;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.Request;

/**
 * What a message is for, as traffic cost is reported: registration (Register, De-register),
 * update (Registration Update), keepalive (CoAP ping and its RST; RFC 8323 Ping and Pong), data
 * (the server's requests and the devices' answers) and handshake (DTLS handshake flights and
 * alerts; RFC 8323 CSM, Release and Abort). Each kind has its four counters.
 */
public enum TrafficKind {
    REGISTRATION(Counter.TRAFFIC_REGISTRATION_SENT, Counter.TRAFFIC_REGISTRATION_SENT_BYTES,
            Counter.TRAFFIC_REGISTRATION_RECEIVED, Counter.TRAFFIC_REGISTRATION_RECEIVED_BYTES),
    UPDATE(Counter.TRAFFIC_UPDATE_SENT, Counter.TRAFFIC_UPDATE_SENT_BYTES,
            Counter.TRAFFIC_UPDATE_RECEIVED, Counter.TRAFFIC_UPDATE_RECEIVED_BYTES),
    KEEPALIVE(Counter.TRAFFIC_KEEPALIVE_SENT, Counter.TRAFFIC_KEEPALIVE_SENT_BYTES,
            Counter.TRAFFIC_KEEPALIVE_RECEIVED, Counter.TRAFFIC_KEEPALIVE_RECEIVED_BYTES),
    DATA(Counter.TRAFFIC_DATA_SENT, Counter.TRAFFIC_DATA_SENT_BYTES,
            Counter.TRAFFIC_DATA_RECEIVED, Counter.TRAFFIC_DATA_RECEIVED_BYTES),
    HANDSHAKE(Counter.TRAFFIC_HANDSHAKE_SENT, Counter.TRAFFIC_HANDSHAKE_SENT_BYTES,
            Counter.TRAFFIC_HANDSHAKE_RECEIVED, Counter.TRAFFIC_HANDSHAKE_RECEIVED_BYTES);

    private final Counter sent;
    private final Counter sentBytes;
    private final Counter received;
    private final Counter receivedBytes;

    TrafficKind(Counter sent, Counter sentBytes, Counter received, Counter receivedBytes) {
        this.sent = sent;
        this.sentBytes = sentBytes;
        this.received = received;
        this.receivedBytes = receivedBytes;
    }

    public Counter sent() {
        return sent;
    }

    public Counter sentBytes() {
        return sentBytes;
    }

    public Counter received() {
        return received;
    }

    public Counter receivedBytes() {
        return receivedBytes;
    }

    /** The kind of a device's own request: POST /rd registers, POST /rd/x updates, DELETE de-registers. */
    public static TrafficKind of(Request request) {
        String path = request.getOptions().getUriPathString();
        boolean register = path.equals("rd");
        if (!register && !path.startsWith("rd/")) {
            return DATA;
        }
        if (request.getCode() == Code.POST) {
            return register ? REGISTRATION : UPDATE;
        }
        return request.getCode() == Code.DELETE ? REGISTRATION : DATA;
    }
}
