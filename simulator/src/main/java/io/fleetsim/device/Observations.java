package io.fleetsim.device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;

import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.Notifications;

/**
 * The observations the server holds on one device (RFC 7641; LwM2M 1.1 §6.4.3, §6.4.4): each with
 * its token, path and content format. A notification goes out when the value changed (a numeric
 * resource: crossing {@code gt} or {@code lt}, or moving by {@code st} when those are set) and
 * {@code pmin} has passed since the last one, and at the latest after {@code pmax}, with an
 * increasing Observe number. An Observe-Composite (LwM2M 1.1) observation covers several paths and
 * notifies when any of them changed, with the shortest {@code pmin} and {@code pmax} among them.
 * Every timer is on the device's clock and event loop.
 */
final class Observations {

    private final SimClock clock;
    private final ShardMetrics metrics;
    private final CoapChannel channel;
    private final ObjectTree objects;
    private final Notifications settings;
    private final List<Observation> active = new ArrayList<>(2);
    private final Runnable onSend;

    Observations(SimClock clock, ShardMetrics metrics, CoapChannel channel, ObjectTree objects,
            Notifications settings) {
        this(clock, metrics, channel, objects, settings, () -> { });
    }

    /** {@code onSend} runs before each notification goes out (a queue-mode device wakes to send it). */
    Observations(SimClock clock, ShardMetrics metrics, CoapChannel channel, ObjectTree objects,
            Notifications settings, Runnable onSend) {
        this.onSend = onSend;
        this.clock = clock;
        this.metrics = metrics;
        this.channel = channel;
        this.objects = objects;
        this.settings = settings;
        channel.onReset(this::reset);
    }

    /**
     * Starts (or, for a token already observing, restarts) an observation whose first response is
     * {@code first}; sets its Observe number.
     */
    void start(Token token, LwM2mPath path, ContentFormat format, Response first, LwM2mNode node) {
        start(new Observation(token, List.of(path), false, format), first, ObjectTree.numeric(node));
    }

    /** Starts an Observe-Composite observation of {@code paths}, whose first response is {@code first}. */
    void startComposite(Token token, List<LwM2mPath> paths, ContentFormat format, Response first) {
        start(new Observation(token, List.copyOf(paths), true, format), first, null);
    }

    private void start(Observation observation, Response first, Double value) {
        Observation old = find(observation.token);
        if (old != null) {
            end(old);
        }
        observation.lastSentMillis = clock.nowMillis();
        observation.lastValue = value;
        observation.lastPayload = first.getPayload();
        first.getOptions().setObserve(observation.sequence);
        active.add(observation);
        metrics.increment(Counter.OBSERVATIONS_STARTED);
        schedule(observation);
    }

    /** A GET with Observe=1: ends the observation of that token; false when there is none. */
    boolean cancel(Token token) {
        Observation observation = find(token);
        if (observation == null) {
            return false;
        }
        end(observation);
        return true;
    }

    /** The server wrote under {@code path}: observations of it (or above, or below it) look at once. */
    void changed(LwM2mPath path) {
        for (Observation observation : List.copyOf(active)) {
            if (observation.paths.stream().anyMatch(observed -> overlaps(path, observed))) {
                clock.cancel(observation.timerId);
                evaluate(observation);
            }
        }
    }

    /** Drops every observation (a new registration, a reboot), counting each as ended. */
    void clear() {
        for (Observation observation : List.copyOf(active)) {
            end(observation);
        }
    }

    /** Stops every timer at the end of the run; the observations stay counted as active. */
    void stop() {
        for (Observation observation : active) {
            clock.cancel(observation.timerId);
        }
        active.clear();
    }

    int size() {
        return active.size();
    }

    private void reset(int messageId) {
        for (Observation observation : List.copyOf(active)) {
            if (observation.lastMessageId == messageId) {
                metrics.increment(Counter.OBSERVATIONS_RESET);
                end(observation);
                return;
            }
        }
    }

    private void end(Observation observation) {
        if (active.remove(observation)) {
            clock.cancel(observation.timerId);
            metrics.increment(Counter.OBSERVATIONS_ENDED);
        }
    }

    private Observation find(Token token) {
        for (Observation observation : active) {
            if (observation.token.equals(token)) {
                return observation;
            }
        }
        return null;
    }

    private void schedule(Observation observation) {
        NotificationAttributes attributes = attributes(observation);
        long now = clock.nowMillis();
        long pminAt = observation.lastSentMillis + seconds(attributes.pmin());
        long at = Long.MAX_VALUE;
        long pmax = seconds(attributes.pmax());
        if (pmax > 0 && pmax >= seconds(attributes.pmin())) {
            at = observation.lastSentMillis + pmax;
        }
        long change = now;
        if (!observation.pendingChange) {
            change = Long.MAX_VALUE;
            for (LwM2mPath path : observation.paths) {
                change = Math.min(change, objects.nextChangeMillis(path, now));
            }
        }
        if (change != Long.MAX_VALUE) {
            at = Math.min(at, Math.max(change, pminAt));
        }
        if (at != Long.MAX_VALUE) {
            observation.timerId = clock.scheduleAt(at, id -> evaluate(observation));
        }
    }

    private void evaluate(Observation observation) {
        if (!active.contains(observation)) {
            return;
        }
        long now = clock.nowMillis();
        LwM2mNode node = null;
        Map<LwM2mPath, LwM2mNode> nodes = null;
        if (observation.composite) {
            nodes = read(objects, observation.paths, now);
        } else {
            node = objects.read(observation.paths.get(0), now);
        }
        if (node == null && (nodes == null || nodes.isEmpty())) {
            notFound(observation);
            return;
        }
        NotificationAttributes attributes = attributes(observation);
        long slack = (long) Math.ceil(clock.timeScale()) + 1; // a timer may fire a rounding early
        long pmax = seconds(attributes.pmax());
        boolean due = pmax > 0 && pmax >= seconds(attributes.pmin()) && now + slack >= observation.lastSentMillis + pmax;
        byte[] payload;
        try {
            payload = observation.composite ? ServerRequestHandler.encode(nodes, observation.format)
                    : ServerRequestHandler.encode(node, observation.format, observation.paths.get(0));
        } catch (RuntimeException e) {
            end(observation);
            return;
        }
        boolean changed = observation.pendingChange || changed(observation, node, payload, attributes);
        boolean pminPassed = now + slack >= observation.lastSentMillis + seconds(attributes.pmin());
        if (due || changed && pminPassed) {
            send(observation, node, payload, now);
        } else if (changed) {
            observation.pendingChange = true;
        }
        if (active.contains(observation)) {
            schedule(observation);
        }
    }

    private static boolean changed(Observation observation, LwM2mNode node, byte[] payload,
            NotificationAttributes attributes) {
        Double value = ObjectTree.numeric(node);
        Double last = observation.lastValue;
        if (value == null || last == null) {
            return !Arrays.equals(payload, observation.lastPayload);
        }
        if (attributes.gt() == null && attributes.lt() == null && attributes.st() == null) {
            return !value.equals(last);
        }
        return attributes.gt() != null && (last > attributes.gt()) != (value > attributes.gt())
                || attributes.lt() != null && (last < attributes.lt()) != (value < attributes.lt())
                || attributes.st() != null && Math.abs(value - last) >= attributes.st();
    }

    private void send(Observation observation, LwM2mNode node, byte[] payload, long now) {
        observation.sequence = (observation.sequence + 1) & 0xFFFFFF;
        observation.sent++;
        observation.lastSentMillis = now;
        observation.lastValue = ObjectTree.numeric(node);
        observation.lastPayload = payload;
        observation.pendingChange = false;
        Response notification = new Response(ResponseCode.CONTENT);
        notification.setToken(observation.token);
        notification.getOptions().setObserve(observation.sequence);
        notification.getOptions().setContentFormat(observation.format.getCode());
        notification.setPayload(payload);
        boolean confirmable = settings.isConfirmable(observation.sent);
        notification.setType(confirmable ? Type.CON : Type.NON);
        metrics.increment(confirmable ? Counter.NOTIFICATIONS_CON : Counter.NOTIFICATIONS_NON);
        long firstSentMicros = clock.nowMicros();
        onSend.run();
        channel.sendNotification(notification).onComplete(ar -> {
            if (ar.succeeded()) {
                if (confirmable) {
                    metrics.increment(Counter.NOTIFICATIONS_ACKNOWLEDGED);
                    metrics.record(LatencyMetric.NOTIFICATION, clock.nowMicros() - firstSentMicros);
                }
                return;
            }
            FailureCause cause = CoapFailure.causeOf(ar.cause()).kind();
            if (cause == FailureCause.RESET) {
                metrics.increment(Counter.OBSERVATIONS_RESET);
            } else if (confirmable && cause != FailureCause.CLOSED) {
                metrics.increment(Counter.NOTIFICATIONS_LOST);
            }
            end(observation);
        });
        observation.lastMessageId = notification.getMID();
    }

    /** The observed instance is gone (deleted): a last notification 4.04 ends the observation. */
    private void notFound(Observation observation) {
        observation.sequence = (observation.sequence + 1) & 0xFFFFFF;
        Response gone = new Response(ResponseCode.NOT_FOUND);
        gone.setToken(observation.token);
        gone.setType(Type.NON);
        end(observation);
        onSend.run();
        channel.sendNotification(gone);
    }

    /** The nodes at {@code paths} that exist, in order. */
    static Map<LwM2mPath, LwM2mNode> read(ObjectTree objects, List<LwM2mPath> paths, long nowMillis) {
        Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
        for (LwM2mPath path : paths) {
            LwM2mNode node = objects.read(path, nowMillis);
            if (node != null) {
                nodes.put(path, node);
            }
        }
        return nodes;
    }

    /** A path's attributes; for a composite one the shortest pmin and pmax of its paths, no thresholds. */
    private NotificationAttributes attributes(Observation observation) {
        if (!observation.composite) {
            return objects.effectiveAttributes(observation.paths.get(0));
        }
        Long pmin = null;
        Long pmax = null;
        for (LwM2mPath path : observation.paths) {
            NotificationAttributes each = objects.effectiveAttributes(path);
            pmin = shorter(pmin, each.pmin());
            pmax = shorter(pmax, each.pmax());
        }
        return new NotificationAttributes(pmin, pmax, null, null, null);
    }

    private static Long shorter(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static boolean overlaps(LwM2mPath a, LwM2mPath b) {
        return a.startWith(b) || b.startWith(a);
    }

    private static long seconds(Long value) {
        return value == null ? 0 : value * 1000;
    }

    private static final class Observation {
        final Token token;
        final List<LwM2mPath> paths;
        final boolean composite;
        final ContentFormat format;
        int sequence;
        long sent;
        long lastSentMillis;
        Double lastValue;
        byte[] lastPayload;
        boolean pendingChange;
        int lastMessageId = -1;
        long timerId = -1;

        Observation(Token token, List<LwM2mPath> paths, boolean composite, ContentFormat format) {
            this.token = token;
            this.paths = paths;
            this.composite = composite;
            this.format = format;
        }
    }
}
