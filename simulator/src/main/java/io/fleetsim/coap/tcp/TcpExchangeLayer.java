package io.fleetsim.coap.tcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;

import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.metrics.TrafficKind;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * Request/response matching of CoAP over a reliable stream (RFC 8323): no message ids, no
 * retransmission, no ACKs; a response belongs to the request with the same token, and a request
 * that gets no response within the response timeout fails with {@code timeout}. Requests from
 * the server are answered on the same stream with the request's token. Signals go to the
 * channel. Counts every frame either way as traffic of its kind. Lives on one event loop.
 */
public final class TcpExchangeLayer {

    private final SimClock clock;
    private final long responseTimeoutMillis;
    private final SplittableRandom random;
    private final TcpMessageCodec codec;
    private final ShardMetrics metrics;
    private final BiConsumer<TrafficKind, Buffer> writer;
    private final CoapRequestHandler requestHandler;
    private final Consumer<TcpSignal> signals;
    private final Map<Token, Pending> pending = new HashMap<>();

    private record Pending(Promise<Response> promise, long timerId, TrafficKind kind) {
    }

    /**
     * @param writer  writes one whole frame of the given kind to the stream (and counts it as sent)
     * @param signals gets every signal that arrives
     */
    public TcpExchangeLayer(SimClock clock, long responseTimeoutMillis, SplittableRandom random, TcpMessageCodec codec,
            ShardMetrics metrics, BiConsumer<TrafficKind, Buffer> writer, CoapRequestHandler requestHandler,
            Consumer<TcpSignal> signals) {
        this.clock = clock;
        this.metrics = metrics;
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.random = random;
        this.codec = codec;
        this.writer = writer;
        this.requestHandler = requestHandler;
        this.signals = signals;
    }

    /** Sends a request with a fresh token; completes with its response or fails with a {@link CoapFailure}. */
    public Future<Response> send(Request request) {
        Token token = freshToken();
        request.setToken(token);
        Promise<Response> promise = Promise.promise();
        long timer = clock.schedule(responseTimeoutMillis, id -> {
            Pending expired = pending.remove(token);
            if (expired != null) {
                expired.promise().tryFail(new CoapFailure(FailureCause.TIMEOUT,
                        "no response within " + responseTimeoutMillis + " ms"));
            }
        });
        TrafficKind kind = TrafficKind.of(request);
        pending.put(token, new Pending(promise, timer, kind));
        writer.accept(kind, codec.encode(request));
        return promise.future();
    }

    /** Sends an Observe notification; over TCP and TLS there is no ACK, the connection carries it. */
    public void sendNotification(Response notification) {
        writer.accept(TrafficKind.DATA, codec.encode(notification));
    }

    /** Handles one whole frame from the server; throws {@link TcpFrameException} when it is malformed. */
    public void receive(Buffer frame) {
        TcpFrame decoded = codec.decode(frame);
        if (decoded.signal() != null) {
            metrics.traffic(decoded.signal().trafficKind(), false, frame.length());
            signals.accept(decoded.signal());
        } else if (decoded.message() instanceof Response response) {
            Pending match = pending.remove(response.getToken());
            metrics.traffic(match == null ? TrafficKind.DATA : match.kind(), false, frame.length());
            if (match != null) {
                clock.cancel(match.timerId());
                match.promise().tryComplete(response);
            }
        } else if (decoded.message() instanceof Request request) {
            metrics.traffic(TrafficKind.DATA, false, frame.length());
            Response answer = requestHandler.handle(request);
            if (answer == null) {
                return; // not heard (queue mode, asleep)
            }
            answer.setToken(request.getToken());
            writer.accept(TrafficKind.DATA, codec.encode(answer));
        }
    }

    /** Requests waiting for their response. */
    public int pendingCount() {
        return pending.size();
    }

    /** Fails every waiting request with {@code cause}, e.g. when the connection is gone. */
    public void failAll(Cause cause, String detail) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            clock.cancel(p.timerId());
            p.promise().tryFail(new CoapFailure(cause, detail));
        }
    }

    private Token freshToken() {
        while (true) {
            byte[] bytes = new byte[4];
            int value = random.nextInt();
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) (value >>> (8 * i));
            }
            Token token = Token.fromProvider(bytes);
            if (!pending.containsKey(token)) {
                return token;
            }
        }
    }
}
