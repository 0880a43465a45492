package io.fleetsim.coap;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;
import io.vertx.core.Future;

/**
 * A device's CoAP path to its server over one transport (UDP, DTLS, TCP, TLS): opening it binds,
 * connects or handshakes as the transport needs; requests go out and responses come back on the
 * device's event loop; requests from the server go to the handler the channel was made with.
 * Every method is called on the device's event loop.
 */
public interface CoapChannel {

    /** Opens the path (bind, connect, handshake). Fails with a {@link CoapFailure}. */
    Future<Void> open();

    /** Sends a request; completes with the response, whatever its code, or fails with a {@link CoapFailure}. */
    Future<Response> send(Request request);

    /**
     * Sends a CoAP ping (over UDP an empty CON, answered by RST); completes when answered, fails
     * with a {@link CoapFailure} when not. Transports without pings fail at once.
     */
    default Future<Void> ping() {
        return Future.failedFuture(new CoapFailure(FailureCause.TRANSPORT, "this transport has no CoAP ping"));
    }

    /**
     * The device is about to register: a transport without connections sends from now on to the
     * server's address as it is now (a followed host name may have a new one). Connections pick up
     * a new address when they connect.
     */
    default void retarget() {
    }

    /**
     * Sends an Observe notification: a response carrying the observation's token and Observe option,
     * of the type set on it (CON or NON; over TCP and TLS the type is ignored). Completes when a CON
     * is acknowledged or a NON is sent; fails with a {@link CoapFailure}: {@code reset} when the
     * server answers with RST (it cancels the observation), {@code timeout} when a CON gets no ACK.
     */
    default Future<Void> sendNotification(Response notification) {
        return Future.failedFuture(new CoapFailure(FailureCause.TRANSPORT, "this transport cannot notify"));
    }

    /**
     * Registers who hears an RST from the server that answers none of the device's open exchanges,
     * with its message ID: the server rejecting a NON notification (RFC 7641 §3.6).
     */
    default void onReset(java.util.function.IntConsumer handler) {
    }

    /** Closes the path; open exchanges fail with {@code closed}. Never fails. */
    Future<Void> close();

    boolean isOpen();

    /** The local port, or -1 when closed. */
    int localPort();

    /**
     * Registers who hears that the path died under the device (a connection closed or silent),
     * with the cause; the next {@link #open()} or {@link #send} makes a new path. Transports
     * without connections never call it.
     */
    default void onPathLost(java.util.function.Consumer<Cause> handler) {
    }
}
