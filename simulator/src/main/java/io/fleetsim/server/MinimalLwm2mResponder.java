package io.fleetsim.server;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.server.DuplicateResponseCache.ExchangeKey;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;

/**
 * A minimal in-process LwM2M registration peer on one Vert.x datagram socket bound to
 * 127.0.0.1: it answers register, update and deregister requests (see
 * {@link RegistrationRequestHandler}) and CoAP pings, and nothing else. Benchmarks use it to
 * separate the simulator's own cost from a real server's; tests use it as a scriptable peer.
 *
 * <p>Everything runs on one event loop and never blocks. It reads and writes only the bytes it
 * answers from ({@link CoapWire}), so that it costs as little as possible next to the simulator
 * it measures. Datagrams that are not CoAP are counted and dropped. A retransmitted CON (same source and message ID) gets the same bytes
 * as the first answer and is counted once.
 */
public final class MinimalLwm2mResponder {

    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MinimalLwm2mResponder.class);
    private static final String LOOPBACK = "127.0.0.1";
    /** RFC 7252 EXCHANGE_LIFETIME: how long a CON's answer must be kept for duplicates. */
    private static final long EXCHANGE_LIFETIME_MS = 247_000;
    private static final byte[] NO_TOKEN = new byte[0];

    private final DatagramSocket socket;
    private final ResponderCounters counters = new ResponderCounters();
    private final RegistrationDirectory directory = new RegistrationDirectory();
    private final RegistrationRequestHandler handler =
            new RegistrationRequestHandler(directory, counters);
    private final DuplicateResponseCache answered = new DuplicateResponseCache();
    private final Vertx vertx;
    private long rotationTimer = -1;
    private int nextMessageId = 1;

    private MinimalLwm2mResponder(Vertx vertx) {
        this.vertx = vertx;
        // A registration storm arrives as a burst: a large receive buffer (the kernel caps it at
        // net.core.rmem_max) keeps the burst instead of dropping it while the loop catches up.
        this.socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
    }

    /**
     * Binds a new responder to 127.0.0.1 on a free port. All its work runs on one context: the
     * caller's when called from a Vert.x event loop, otherwise a new event-loop context.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx) {
        return start(vertx, 0);
    }

    /**
     * As {@link #start(Vertx)}, on 127.0.0.1:{@code port} (0 for a free one): tests stop a
     * responder and start another on the same port to play a server that goes down and comes back.
     */
    public static Future<MinimalLwm2mResponder> start(Vertx vertx, int port) {
        Context context = vertx.getOrCreateContext();
        Promise<MinimalLwm2mResponder> started = Promise.promise();
        context.runOnContext(v -> {
            MinimalLwm2mResponder responder = new MinimalLwm2mResponder(vertx);
            responder.listen(port).onComplete(started);
        });
        return started.future();
    }

    private Future<MinimalLwm2mResponder> listen(int port) {
        socket.handler(this::onDatagram);
        socket.exceptionHandler(e -> LOG.debug("Responder socket error", e));
        return socket.listen(port, LOOPBACK).map(bound -> {
            rotationTimer = vertx.setPeriodic(EXCHANGE_LIFETIME_MS, id -> answered.rotate());
            LOG.info("Minimal LwM2M responder listening on {}", coapUri());
            return this;
        });
    }

    /** The bound UDP port. */
    public int port() {
        return socket.localAddress().port();
    }

    /** The URI devices register to, {@code coap://127.0.0.1:PORT}. */
    public String coapUri() {
        return "coap://" + LOOPBACK + ":" + port();
    }

    /** What the responder has answered or dropped so far. */
    public ResponderCounters counters() {
        return counters;
    }

    /** Unbinds the socket and stops the duplicate cache's timer. */
    public Future<Void> close() {
        vertx.cancelTimer(rotationTimer);
        return socket.close();
    }

    private void onDatagram(DatagramPacket packet) {
        CoapWire.Message message = CoapWire.parse(packet.data().getBytes());
        if (message == null) {
            counters.countGarbage();
        } else if (message.isRequest()) {
            answer(message, packet.sender());
        } else if (message.isEmpty() && message.type() == CoapWire.CON) {
            counters.countPing();
            send(Buffer.buffer(CoapWire.response(CoapWire.RST, 0, message.messageId(), NO_TOKEN, List.of())),
                    packet.sender());
        }
        // ACKs, RSTs and responses need no answer from a peer that sends no requests.
    }

    private void answer(CoapWire.Message request, SocketAddress sender) {
        if (request.type() != CoapWire.CON) {
            send(respond(request, CoapWire.NON, nextMessageId()), sender);
            return;
        }
        ExchangeKey key = new ExchangeKey(sender.host(), sender.port(), request.messageId());
        Buffer earlier = answered.get(key);
        if (earlier != null) {
            counters.countDuplicate();
            send(earlier, sender);
            return;
        }
        Buffer response = respond(request, CoapWire.ACK, request.messageId());
        answered.put(key, response);
        send(response, sender);
    }

    private Buffer respond(CoapWire.Message request, int type, int messageId) {
        RegistrationRequestHandler.Answer answer = handler.handle(request.code(), request.path(), request.queries());
        return Buffer.buffer(CoapWire.response(type, answer.code(), messageId, request.token(), answer.locationPath()));
    }

    private int nextMessageId() {
        int id = nextMessageId;
        nextMessageId = (nextMessageId + 1) & 0xFFFF;
        return id;
    }

    private void send(Buffer datagram, SocketAddress to) {
        socket.send(datagram, to.port(), to.host())
                .onFailure(e -> LOG.debug("Could not answer {}: {}", to, e.getMessage()));
    }
}
