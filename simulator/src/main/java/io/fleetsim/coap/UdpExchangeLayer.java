package io.fleetsim.coap;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.metrics.TrafficKind;
import io.fleetsim.resultsformat.FailureCause;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The CoAP exchange layer of one device over UDP (RFC 7252), run on the device's event loop:
 * message IDs and tokens, CON retransmission with exponential back-off, piggybacked and separate
 * responses, and deduplication of the server's requests. Not thread-safe by design: every call
 * comes from the one event loop the device lives on.
 */
public final class UdpExchangeLayer {

    /** Sends one datagram to the server. */
    @FunctionalInterface
    public interface DatagramSender {
        void send(byte[] datagram);
    }

    private final SimClock clock;
    private final UdpCodec codec;
    private final RetransmissionTimeouts timeouts;
    private final RandomGenerator random;
    private final ShardMetrics metrics;
    private final DatagramSender sender;
    private final CoapRequestHandler requestHandler;
    private final Map<Integer, Outgoing> byMid = new HashMap<>(4);
    private final Map<Token, Outgoing> byToken = new HashMap<>(4);
    private final RecentRequests recentRequests = new RecentRequests();
    private int nextMid;
    private int tokenCounter;
    private java.util.function.IntConsumer resetListener = mid -> { };

    public UdpExchangeLayer(SimClock clock, UdpCodec codec, RetransmissionTimeouts timeouts,
            RandomGenerator random, ShardMetrics metrics, DatagramSender sender, CoapRequestHandler requestHandler) {
        this.clock = clock;
        this.codec = codec;
        this.timeouts = timeouts;
        this.random = random;
        this.metrics = metrics;
        this.sender = sender;
        this.requestHandler = requestHandler;
        this.nextMid = random.nextInt(0x10000);
        this.tokenCounter = random.nextInt();
    }

    /** Sends a confirmable request; the future completes with whatever response code arrives. */
    public Future<Response> send(Request request) {
        Promise<Response> promise = Promise.promise();
        request.setType(Type.CON);
        request.setMID(takeMid());
        request.setToken(takeToken());
        Outgoing outgoing = new Outgoing(request, codec.encode(request), promise, TrafficKind.of(request));
        byMid.put(request.getMID(), outgoing);
        byToken.put(request.getToken(), outgoing);
        metrics.exchangeDelta(1);
        outgoing.timeoutMillis = timeouts.initialMillis(random);
        transmit(outgoing.bytes, Type.CON, outgoing.kind);
        armRetransmission(outgoing);
        return promise.future();
    }

    /**
     * Sends a CoAP ping: an empty CON, retransmitted like any CON, answered by RST (an empty ACK
     * counts too). Fails with {@code timeout} when nothing answers.
     */
    public Future<Void> ping() {
        Promise<Response> promise = Promise.promise();
        EmptyMessage ping = new EmptyMessage(Type.CON);
        ping.setMID(takeMid());
        ping.setToken(Token.EMPTY);
        Outgoing outgoing = new Outgoing(ping, codec.encode(ping), promise, TrafficKind.KEEPALIVE);
        byMid.put(ping.getMID(), outgoing);
        outgoing.timeoutMillis = timeouts.initialMillis(random);
        transmit(outgoing.bytes, Type.CON, outgoing.kind);
        armRetransmission(outgoing);
        return promise.future().mapEmpty();
    }

    /**
     * Sends an Observe notification of the type set on it: a NON at once, a CON retransmitted until
     * the server acknowledges it. Fails with {@code reset} when the server answers a CON with RST,
     * with {@code timeout} when no ACK comes.
     */
    public Future<Void> sendNotification(Response notification) {
        notification.setMID(takeMid());
        byte[] bytes = codec.encode(notification);
        if (notification.getType() != Type.CON) {
            transmit(bytes, Type.NON, TrafficKind.DATA);
            return Future.succeededFuture();
        }
        Promise<Response> promise = Promise.promise();
        Outgoing outgoing = new Outgoing(notification, bytes, promise, TrafficKind.DATA);
        byMid.put(notification.getMID(), outgoing);
        outgoing.timeoutMillis = timeouts.initialMillis(random);
        transmit(bytes, Type.CON, outgoing.kind);
        armRetransmission(outgoing);
        return promise.future().mapEmpty();
    }

    /** Who hears an RST that answers no open exchange (a NON notification the server rejects), by MID. */
    public void onReset(java.util.function.IntConsumer listener) {
        this.resetListener = listener;
    }

    /** Handles one datagram from the server. */
    public void receive(byte[] datagram) {
        Message message;
        try {
            message = codec.decode(datagram);
        } catch (UdpCodec.MalformedMessageException e) {
            metrics.increment(Counter.MALFORMED_RECEIVED);
            suspectAll(FailureCause.MALFORMED_RESPONSE);
            return;
        }
        countReceived(message.getType());
        metrics.traffic(kindOf(message), false, datagram.length);
        if (message instanceof Request request) {
            onRequest(request);
        } else if (message instanceof Response response) {
            onResponse(response);
        } else if (message.getType() == Type.ACK) {
            onEmptyAck(message.getMID());
        } else if (message.getType() == Type.RST) {
            Outgoing outgoing = byMid.get(message.getMID());
            if (outgoing != null && outgoing.isPing()) {
                complete(outgoing, null);
            } else if (outgoing != null) {
                fail(outgoing, new CoapFailure(FailureCause.RESET, "server answered with RST"));
            } else {
                resetListener.accept(message.getMID());
            }
        } else if (message.getType() == Type.CON) {
            // CoAP ping: an empty CON is answered with RST.
            sendEmpty(EmptyMessage.newRST(message), TrafficKind.KEEPALIVE);
        }
    }

    /** What a message from the server belongs to: the exchange it answers, else data or keepalive. */
    private TrafficKind kindOf(Message message) {
        if (message instanceof Request) {
            return TrafficKind.DATA;
        }
        Outgoing outgoing = byMid.get(message.getMID());
        if (outgoing == null && message instanceof Response response) {
            outgoing = byToken.get(response.getToken());
        }
        if (outgoing != null) {
            return outgoing.kind;
        }
        return message.getType() == Type.CON && !(message instanceof Response) ? TrafficKind.KEEPALIVE : TrafficKind.DATA;
    }

    /** Fails every open exchange and stops all timers. */
    public void close() {
        for (Outgoing outgoing : byMid.values().toArray(Outgoing[]::new)) {
            fail(outgoing, new CoapFailure(FailureCause.CLOSED, "the device's socket was closed"));
        }
        for (Outgoing outgoing : byToken.values().toArray(Outgoing[]::new)) {
            fail(outgoing, new CoapFailure(FailureCause.CLOSED, "the device's socket was closed"));
        }
    }

    /** Requests waiting for an answer. */
    public int openExchanges() {
        return byToken.size();
    }

    private void onRequest(Request request) {
        byte[] cached = recentRequests.responseTo(request.getMID(), clock.nowMillis());
        if (cached != null) {
            transmit(cached, Type.ACK, TrafficKind.DATA);
            return;
        }
        Response response = requestHandler.handle(request);
        if (response == null) {
            return; // not heard: no ACK, no answer remembered
        }
        response.setToken(request.getToken());
        if (request.getType() == Type.CON) {
            response.setType(Type.ACK);
            response.setMID(request.getMID());
        } else {
            response.setType(Type.NON);
            response.setMID(takeMid());
        }
        byte[] bytes = codec.encode(response);
        if (request.getType() == Type.CON) {
            recentRequests.remember(request.getMID(), bytes, clock.nowMillis());
        }
        transmit(bytes, response.getType(), TrafficKind.DATA);
    }

    private void onResponse(Response response) {
        Outgoing outgoing;
        if (response.getType() == Type.ACK) {
            outgoing = byMid.get(response.getMID());
            if (outgoing == null || !outgoing.message.getToken().equals(response.getToken())) {
                noteMismatch(outgoing, response);
                return; // a late duplicate, or not ours: drop it
            }
        } else {
            outgoing = byToken.get(response.getToken());
            if (response.getType() == Type.CON) {
                sendEmpty(outgoing == null ? EmptyMessage.newRST(response) : EmptyMessage.newACK(response),
                        outgoing == null ? TrafficKind.DATA : outgoing.kind);
            }
            if (outgoing == null) {
                return;
            }
        }
        complete(outgoing, response);
    }

    /**
     * An ACK that matches no exchange is dropped, as RFC 7252 says; but when it carries the MID of
     * an open request with another token, or that request's token under another MID, the server
     * is answering wrongly: if the request then times out, it is counted under that cause.
     */
    private void noteMismatch(Outgoing byMessageId, Response response) {
        if (byMessageId != null) {
            byMessageId.suspect = FailureCause.WRONG_TOKEN;
            return;
        }
        Outgoing byTokenMatch = byToken.get(response.getToken());
        if (byTokenMatch != null) {
            byTokenMatch.suspect = FailureCause.WRONG_MESSAGE_ID;
        }
    }

    private void suspectAll(FailureCause cause) {
        for (Outgoing outgoing : byToken.values()) {
            if (outgoing.suspect == null) {
                outgoing.suspect = cause;
            }
        }
    }

    private void onEmptyAck(int mid) {
        Outgoing outgoing = byMid.get(mid);
        if (outgoing == null) {
            return;
        }
        if (outgoing.isPing() || outgoing.message instanceof Response) {
            complete(outgoing, null); // a ping's ACK, or a CON notification acknowledged
            return;
        }
        byMid.remove(mid);
        clock.cancel(outgoing.timerId);
        outgoing.timerId = clock.schedule(timeouts.maxTransmitWaitMillis(), id -> fail(outgoing,
                new CoapFailure(outgoing.timeoutCause(), "no separate response after the empty ACK")));
    }

    private void armRetransmission(Outgoing outgoing) {
        outgoing.timerId = clock.schedule(outgoing.timeoutMillis, id -> retransmitOrFail(outgoing));
    }

    private void retransmitOrFail(Outgoing outgoing) {
        if (outgoing.retransmissions >= timeouts.maxRetransmit()) {
            fail(outgoing, new CoapFailure(outgoing.timeoutCause(),
                    "no usable response after " + outgoing.retransmissions + " retransmissions"));
            return;
        }
        outgoing.retransmissions++;
        outgoing.timeoutMillis *= 2;
        metrics.increment(Counter.RETRANSMISSIONS);
        transmit(outgoing.bytes, Type.CON, outgoing.kind);
        armRetransmission(outgoing);
    }

    private void complete(Outgoing outgoing, Response response) {
        forget(outgoing);
        outgoing.promise.tryComplete(response);
    }

    private void fail(Outgoing outgoing, CoapFailure failure) {
        forget(outgoing);
        outgoing.promise.tryFail(failure);
    }

    private void forget(Outgoing outgoing) {
        clock.cancel(outgoing.timerId);
        byMid.remove(outgoing.message.getMID(), outgoing);
        if (byToken.remove(outgoing.message.getToken(), outgoing)) {
            metrics.exchangeDelta(-1);
        }
    }

    private void sendEmpty(EmptyMessage message, TrafficKind kind) {
        transmit(codec.encode(message), message.getType(), kind);
    }

    private void transmit(byte[] bytes, Type type, TrafficKind kind) {
        metrics.traffic(kind, true, bytes.length);
        metrics.increment(switch (type) {
            case CON -> Counter.SENT_CON;
            case NON -> Counter.SENT_NON;
            case ACK -> Counter.SENT_ACK;
            case RST -> Counter.SENT_RST;
        });
        sender.send(bytes);
    }

    private void countReceived(Type type) {
        metrics.increment(switch (type) {
            case CON -> Counter.RECEIVED_CON;
            case NON -> Counter.RECEIVED_NON;
            case ACK -> Counter.RECEIVED_ACK;
            case RST -> Counter.RECEIVED_RST;
        });
    }

    private int takeMid() {
        int mid = nextMid;
        nextMid = (nextMid + 1) & 0xFFFF;
        return mid;
    }

    private Token takeToken() {
        int value = tokenCounter++;
        return Token.fromProvider(new byte[] {
            (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value });
    }

    /** A request (or ping) of ours waiting for its response. */
    private static final class Outgoing {
        final Message message;
        final byte[] bytes;
        final Promise<Response> promise;
        final TrafficKind kind;
        long timeoutMillis;
        long timerId = -1;
        int retransmissions;
        /** What the server got wrong while this request waited, or null. */
        FailureCause suspect;

        Outgoing(Message message, byte[] bytes, Promise<Response> promise, TrafficKind kind) {
            this.message = message;
            this.bytes = bytes;
            this.promise = promise;
            this.kind = kind;
        }

        boolean isPing() {
            return message instanceof EmptyMessage;
        }

        FailureCause timeoutCause() {
            return suspect != null ? suspect : FailureCause.TIMEOUT;
        }
    }
}
