package io.fleetsim.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A tiny CoAP peer for tests, on one Vert.x datagram socket on 127.0.0.1: it sends CON requests
 * and matches their piggybacked answers by message ID, and answers requests it receives with
 * whatever {@link #answerRequestsWith} returns (as a piggybacked ACK). No retransmission.
 */
final class LoopbackCoapClient {

    private static final String LOOPBACK = "127.0.0.1";

    private final DatagramSocket socket;
    private final Map<Integer, Promise<Response>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(0x1000);
    private final UdpDataParser parser = new UdpDataParser();
    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private volatile Function<Request, Response> answerer = request -> null;

    private LoopbackCoapClient(Vertx vertx) {
        socket = vertx.createDatagramSocket();
    }

    static Future<LoopbackCoapClient> bind(Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        Promise<LoopbackCoapClient> bound = Promise.promise();
        context.runOnContext(v -> {
            LoopbackCoapClient client = new LoopbackCoapClient(vertx);
            client.socket.handler(client::onDatagram);
            client.socket.listen(0, LOOPBACK).map(s -> client).onComplete(bound);
        });
        return bound.future();
    }

    /** Answers incoming requests: the function returns a bare response, or null for none. */
    void answerRequestsWith(Function<Request, Response> answerer) {
        this.answerer = answerer;
    }

    /** Gives {@code request} a fresh message ID and token and serializes it as a CON. */
    Buffer serialize(Request request) {
        int messageId = nextMessageId.getAndIncrement() & 0xFFFF;
        request.setType(Type.CON);
        request.setMID(messageId);
        request.setToken(Token.fromProvider(new byte[] {(byte) (messageId >> 8), (byte) messageId}));
        return Buffer.buffer(serializer.getByteArray(request));
    }

    /** Sends {@code request} as a CON to 127.0.0.1:{@code port}; completes with its answer. */
    Future<Response> send(Request request, int port) {
        Buffer datagram = serialize(request);
        return exchange(datagram, request.getMID(), port);
    }

    /** Sends already serialized bytes (e.g. a retransmission); completes with the answer. */
    Future<Response> exchange(Buffer datagram, int messageId, int port) {
        Promise<Response> answer = Promise.promise();
        pending.put(messageId, answer);
        socket.send(datagram, port, LOOPBACK).onFailure(answer::tryFail);
        return answer.future();
    }

    /** Sends bytes that expect no answer. */
    Future<Void> sendRaw(Buffer datagram, int port) {
        return socket.send(datagram, port, LOOPBACK);
    }

    Future<Void> close() {
        return socket.close();
    }

    private void onDatagram(DatagramPacket packet) {
        Message message = parser.parseMessage(packet.data().getBytes());
        if (message instanceof Response response) {
            Promise<Response> answer = pending.remove(response.getMID());
            if (answer != null) {
                answer.tryComplete(response);
            }
        } else if (message instanceof Request request) {
            answer(request, packet.sender());
        }
    }

    private void answer(Request request, SocketAddress sender) {
        Response response = answerer.apply(request);
        if (response == null) {
            return;
        }
        response.setType(Type.ACK);
        response.setMID(request.getMID());
        response.setToken(request.getToken());
        socket.send(Buffer.buffer(serializer.getByteArray(response)), sender.port(), sender.host());
    }
}
