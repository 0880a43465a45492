package io.fleetsim.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.CoapSettings;
import io.fleetsim.transport.UdpDeviceSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;

/**
 * Lockstep tests: a scripted server peer on loopback withholds ACKs, answers with RST, repeats
 * requests, and the device's exchange layer must retransmit, fail, deduplicate as RFC 7252 says.
 * The clock runs 100x faster so a 2 s ACK timeout takes 20 ms.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UdpExchangeLayerTest {

    private static final CoapSettings FAST = new CoapSettings(Duration.ofSeconds(2), 1.5, 4);

    private final UdpCodec codec = new UdpCodec();
    private final ShardMetrics metrics = new ShardMetrics();
    private final List<Message> seenByPeer = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private Context context;
    private DatagramSocket peer;
    private UdpDeviceSocket deviceSocket;
    private UdpExchangeLayer layer;
    private volatile PeerScript script = (message, from) -> { };

    interface PeerScript {
        void onMessage(Message message, SocketAddress from);
    }

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        peer = vertx.createDatagramSocket();
        peer.handler(packet -> {
            Message message = codec.decode(packet.data().getBytes());
            seenByPeer.add(message);
            script.onMessage(message, packet.sender());
        });
        peer.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
        SimClock clock = new SimClock(vertx, 100);
        onContext(() -> {
            deviceSocket = new UdpDeviceSocket(vertx, "127.0.0.1", peer.localAddress().port());
            layer = new UdpExchangeLayer(clock, codec, new RetransmissionTimeouts(FAST), new SplittableRandom(7),
                    metrics, deviceSocket::send, request -> {
                        metrics.increment(Counter.READS_SERVED);
                        Response response = new Response(ResponseCode.CONTENT);
                        response.setPayload("42");
                        return response;
                    });
            return deviceSocket.open("127.0.0.1", layer::receive);
        }).await(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        onContext(() -> deviceSocket.close()).await(5, TimeUnit.SECONDS);
    }

    @Test
    void retransmitsAConUntilTheServerAcknowledgesIt() throws Exception {
        script = (message, from) -> {
            if (seenByPeer.size() == 2) { // withhold the ACK of the first transmission
                reply(ackResponse(message, ResponseCode.CREATED), from);
            }
        };
        Response response = send(Request.newPost()).await(5, TimeUnit.SECONDS);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CREATED);
        assertThat(seenByPeer).hasSize(2);
        assertThat(seenByPeer.get(1).getMID()).isEqualTo(seenByPeer.get(0).getMID());
        assertThat(metrics.get(Counter.RETRANSMISSIONS)).isEqualTo(1);
    }

    @Test
    void givesUpWithTimeoutAfterMaxRetransmit() {
        Future<Response> result = send(Request.newPost());
        Throwable failure = awaitFailure(result);

        assertThat(CoapFailure.causeOf(failure)).isEqualTo(FailureCause.TIMEOUT.cause());
        assertThat(seenByPeer).hasSize(1 + FAST.maxRetransmit());
        assertThat(metrics.get(Counter.RETRANSMISSIONS)).isEqualTo(FAST.maxRetransmit());
    }

    @Test
    void resetFromTheServerFailsTheRequestAsReset() {
        script = (message, from) -> reply(EmptyMessage.newRST(message), from);
        Throwable failure = awaitFailure(send(Request.newPost()));

        assertThat(CoapFailure.causeOf(failure)).isEqualTo(FailureCause.RESET.cause());
    }

    @Test
    void separateResponseIsAcknowledgedAndDelivered() throws Exception {
        script = (message, from) -> {
            if (message instanceof Request request) {
                reply(EmptyMessage.newACK(request), from);
                Response separate = new Response(ResponseCode.CHANGED);
                separate.setType(Type.CON);
                separate.setMID(4242);
                separate.setToken(request.getToken());
                vertx.setTimer(30, id -> reply(separate, from));
            }
        };
        Response response = send(Request.newPost()).await(5, TimeUnit.SECONDS);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        waitUntil(() -> seenByPeer.size() == 2);
        Message ack = seenByPeer.get(1);
        assertThat(ack.getType()).isEqualTo(Type.ACK);
        assertThat(ack.getMID()).isEqualTo(4242);
    }

    @Test
    void duplicatedServerRequestIsAnsweredAgainButHandledOnce() throws Exception {
        Request read = Request.newGet();
        read.setType(Type.CON);
        read.setMID(777);
        read.setToken(Token.fromProvider(new byte[] { 1, 2, 3 }));
        read.getOptions().setUriPath("3/0/9");
        SocketAddress device = SocketAddress.inetSocketAddress(deviceSocket.localPort(), "127.0.0.1");
        reply(read, device);
        waitUntil(() -> seenByPeer.size() == 1);
        reply(read, device);
        waitUntil(() -> seenByPeer.size() == 2);

        assertThat(seenByPeer.get(0).getType()).isEqualTo(Type.ACK);
        assertThat(codec.encode(seenByPeer.get(1))).isEqualTo(codec.encode(seenByPeer.get(0)));
        assertThat(metrics.get(Counter.READS_SERVED)).isEqualTo(1);
    }

    @Test
    void garbageFromTheServerIsCountedAndIgnored() throws Exception {
        SocketAddress device = SocketAddress.inetSocketAddress(deviceSocket.localPort(), "127.0.0.1");
        peer.send(Buffer.buffer(new byte[] { (byte) 0xFF, 0x00 }), device.port(), device.host());
        waitUntil(() -> metrics.get(Counter.MALFORMED_RECEIVED) == 1);
        script = (message, from) -> reply(ackResponse(message, ResponseCode.CREATED), from);

        assertThat(send(Request.newPost()).await(5, TimeUnit.SECONDS).getCode()).isEqualTo(ResponseCode.CREATED);
    }

    @Test
    void conNotificationIsRetransmittedUntilTheServerAcknowledgesIt() throws Exception {
        script = (message, from) -> {
            if (seenByPeer.size() == 2) {
                reply(EmptyMessage.newACK(message), from);
            }
        };
        onContext(() -> layer.sendNotification(notification(Type.CON, 5))).await(5, TimeUnit.SECONDS);

        assertThat(seenByPeer).hasSize(2);
        assertThat(seenByPeer).allSatisfy(m -> {
            assertThat(m.getType()).isEqualTo(Type.CON);
            assertThat(m.getOptions().getObserve()).isEqualTo(5);
            assertThat(m.getToken()).isEqualTo(Token.fromProvider(new byte[] { 9, 9 }));
        });
        assertThat(seenByPeer.get(1).getMID()).isEqualTo(seenByPeer.get(0).getMID());
    }

    @Test
    void resetToAConNotificationFailsItAsReset() {
        script = (message, from) -> reply(EmptyMessage.newRST(message), from);
        Throwable failure = awaitFailure(onContext(() -> layer.sendNotification(notification(Type.CON, 1))));

        assertThat(CoapFailure.causeOf(failure)).isEqualTo(FailureCause.RESET.cause());
    }

    @Test
    void resetToANonNotificationReachesTheResetListenerWithItsMessageId() throws Exception {
        List<Integer> resets = new CopyOnWriteArrayList<>();
        script = (message, from) -> reply(EmptyMessage.newRST(message), from);
        onContext(() -> {
            layer.onReset(resets::add);
            return layer.sendNotification(notification(Type.NON, 2));
        }).await(5, TimeUnit.SECONDS);

        waitUntil(() -> resets.size() == 1);
        assertThat(seenByPeer).hasSize(1);
        assertThat(seenByPeer.get(0).getType()).isEqualTo(Type.NON);
        assertThat(resets).containsExactly(seenByPeer.get(0).getMID());
    }

    private static Response notification(Type type, int observe) {
        Response notification = new Response(ResponseCode.CONTENT);
        notification.setType(type);
        notification.setToken(Token.fromProvider(new byte[] { 9, 9 }));
        notification.getOptions().setObserve(observe);
        notification.setPayload("21.5");
        return notification;
    }

    private Future<Response> send(Request request) {
        return onContext(() -> layer.send(request));
    }

    private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future();
    }

    private Response ackResponse(Message request, ResponseCode code) {
        Response response = new Response(code);
        response.setType(Type.ACK);
        response.setMID(request.getMID());
        response.setToken(request.getToken());
        return response;
    }

    private void reply(Message message, SocketAddress to) {
        peer.send(Buffer.buffer(codec.encode(message)), to.port(), to.host());
    }

    private static Throwable awaitFailure(Future<?> future) {
        try {
            future.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected the request to fail");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
