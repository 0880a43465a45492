package io.fleetsim.nat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.ShardMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Checks reachability with real requests: at {@code ratePerSecond} (simulated), the server reads
 * {@code /3/0/9} from a device drawn from a fixed sample of the fleet. A probe counts as reached
 * when the first transmission is answered: its timeout is below the server's first CoAP
 * retransmission, so it tells whether a request sent at that moment reached the device. Devices
 * the server holds no registration for are skipped. Runs on one event loop of its own and records
 * into a {@link ShardMetrics} of its own (single writer).
 */
public final class ReachabilityProber {

    /** Wall time a probe may take: under the server's 2 s ACK_TIMEOUT, so never retransmitted. */
    public static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final long TICK_WALL_MILLIS = 10;

    private final Vertx vertx;
    private final SimClock clock;
    private final ProbeTarget target;
    private final List<String> sample;
    private final double ratePerSecond;
    private final ShardMetrics metrics;
    private final SplittableRandom random;
    private Context context;
    private long timerId = -1;
    private long startMillis;
    private long sent;
    private volatile boolean stopped;

    public ReachabilityProber(Vertx vertx, SimClock clock, ProbeTarget target, List<String> sample,
            double ratePerSecond, ShardMetrics metrics, long seed) {
        this.vertx = vertx;
        this.clock = clock;
        this.target = target;
        this.sample = List.copyOf(sample);
        this.ratePerSecond = ratePerSecond;
        this.metrics = metrics;
        this.random = new SplittableRandom(seed);
    }

    /** Each endpoint with probability {@code share}, drawn with {@code seed}; at least one. */
    public static List<String> sample(List<String> endpoints, double share, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> chosen = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (random.nextDouble() < share) {
                chosen.add(endpoint);
            }
        }
        if (chosen.isEmpty() && !endpoints.isEmpty()) {
            chosen.add(endpoints.get(0));
        }
        return chosen;
    }

    public void start() {
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            startMillis = clock.nowMillis();
            timerId = vertx.setPeriodic(TICK_WALL_MILLIS, id -> tick());
        });
    }

    public void stop() {
        stopped = true;
        if (context != null) {
            context.runOnContext(v -> vertx.cancelTimer(timerId));
        }
    }

    private void tick() {
        long due = (long) (ratePerSecond * (clock.nowMillis() - startMillis) / 1000.0);
        while (sent < due && !stopped) {
            sent++;
            probe(sample.get(random.nextInt(sample.size())));
        }
    }

    private void probe(String endpoint) {
        if (!target.knows(endpoint)) {
            metrics.increment(Counter.PROBE_SKIPPED);
            return;
        }
        metrics.increment(Counter.PROBES);
        long sentMicros = clock.nowMicros();
        target.readBattery(endpoint, TIMEOUT).whenComplete((reached, failure) -> context.runOnContext(v -> {
            if (failure == null && reached) {
                metrics.increment(Counter.PROBE_SUCCESSES);
                metrics.record(LatencyMetric.PROBE, clock.nowMicros() - sentMicros);
            }
        }));
    }
}
