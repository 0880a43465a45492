package io.fleetsim.device;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;

import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.scenario.SendSettings;

/**
 * A device's LwM2M 1.1 Send (Core §6.4.6 of the TS): while it is registered, every
 * {@code send.everySeconds} of simulated time it POSTs the current values of its Send paths to
 * {@code /dp} as a CON in SenML CBOR (content format 112). The first Send comes at a random moment
 * within the first period, drawn from the run's seed and the endpoint name, so a fleet that
 * registered at once does not send at once. A 2.04 Changed is acknowledged; anything else is a
 * failure by cause. All of it on the device's event loop and simulated clock.
 */
final class DataSend {

    private final SimClock clock;
    private final ShardMetrics metrics;
    private final CoapChannel channel;
    private final ObjectTree objects;
    private final List<LwM2mPath> paths;
    private final long periodMillis;
    private final long firstOffsetMillis;
    private final BooleanSupplier registered;
    private final Runnable onSend;
    private long timerId = -1;

    /**
     * @param registered whether the device is registered (and not stopping) right now
     * @param onSend     called as a Send goes out (the device is awake and busy)
     */
    DataSend(SimClock clock, ShardMetrics metrics, CoapChannel channel, ObjectTree objects, SendSettings settings,
            long seed, String endpoint, BooleanSupplier registered, Runnable onSend) {
        this.clock = clock;
        this.metrics = metrics;
        this.channel = channel;
        this.objects = objects;
        this.paths = settings.paths().stream().map(LwM2mPath::new).toList();
        this.periodMillis = settings.every().toMillis();
        this.firstOffsetMillis = new SplittableRandom(ValueWalk.seed(seed, endpoint, 0, 0, 'S'))
                .nextLong(periodMillis);
        this.registered = registered;
        this.onSend = onSend;
    }

    /** The device registered: Sends start, the first within one period; a running schedule is kept. */
    void start() {
        if (timerId < 0) {
            long at = clock.nowMillis() + firstOffsetMillis;
            timerId = clock.scheduleAt(at, id -> due(at));
        }
    }

    /** No more Sends (the device stops); one in flight still counts its outcome. */
    void stop() {
        if (timerId >= 0) {
            clock.cancel(timerId);
            timerId = -1;
        }
    }

    private void due(long atMillis) {
        timerId = -1;
        if (!registered.getAsBoolean()) {
            return; // de-registered: the next registration starts the Sends again
        }
        long next = atMillis + periodMillis;
        timerId = clock.scheduleAt(next, id -> due(next));
        send();
    }

    private void send() {
        Map<LwM2mPath, LwM2mNode> nodes = Observations.read(objects, paths, clock.nowMillis());
        if (nodes.isEmpty()) {
            return;
        }
        Request request = Request.newPost();
        request.getOptions().addUriPath("dp");
        request.getOptions().setContentFormat(ContentFormat.SENML_CBOR.getCode());
        request.setPayload(ServerRequestHandler.encode(nodes, ContentFormat.SENML_CBOR));
        metrics.increment(Counter.SEND_SENT);
        onSend.run();
        channel.send(request).onComplete(ar -> {
            Cause failure = VirtualDevice.failureCause(ar, ResponseCode.CHANGED);
            if (failure == null) {
                metrics.increment(Counter.SEND_ACKNOWLEDGED);
            } else {
                metrics.increment(Counter.SEND_FAILED);
                metrics.failure(FailureKind.SEND, failure);
            }
        });
    }
}
