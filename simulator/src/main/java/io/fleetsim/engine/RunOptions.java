package io.fleetsim.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How to run a scenario, beyond what the scenario says.
 *
 * @param resultsDir       where results go
 * @param reportingPeriod  wall time between two result intervals
 * @param shards           event loops to spread devices over (0 = one per core)
 * @param stopTimeout      wall time allowed for de-registration at the end
 * @param progress         receives a progress line every reporting period (may be a no-op)
 * @param report           renders the report of a finished results directory (may be a no-op)
 * @param measureHeap      force a full GC before the devices stop, so {@code heapAfterGcMb} is live heap
 * @param metricsEndpoint  where to serve Prometheus metrics while the run goes on; null for nowhere
 * @param warmup           wall time throw-away devices register before the run clock starts, to get
 *                         JIT compilation out of the measured run ({@link Duration#ZERO}: none)
 */
public record RunOptions(Path resultsDir, Duration reportingPeriod, int shards, Duration stopTimeout,
        Consumer<String> progress, Consumer<Path> report, boolean measureHeap, MetricsEndpoint metricsEndpoint,
        Duration warmup) {

    public RunOptions {
        warmup = warmup == null ? Duration.ZERO : warmup;
    }

    public RunOptions(Path resultsDir, Duration reportingPeriod, int shards, Duration stopTimeout,
            Consumer<String> progress, Consumer<Path> report, boolean measureHeap, MetricsEndpoint metricsEndpoint) {
        this(resultsDir, reportingPeriod, shards, stopTimeout, progress, report, measureHeap, metricsEndpoint,
                Duration.ZERO);
    }

    public RunOptions(Path resultsDir, Duration reportingPeriod, int shards, Duration stopTimeout,
            Consumer<String> progress, Consumer<Path> report, boolean measureHeap) {
        this(resultsDir, reportingPeriod, shards, stopTimeout, progress, report, measureHeap, null);
    }

    public static RunOptions defaults(Path resultsDir) {
        return new RunOptions(resultsDir, Duration.ofSeconds(1), 0, Duration.ofSeconds(30), line -> { }, dir -> { },
                false);
    }

    /** Serves {@code GET /metrics} at this address while the run goes on (null: not at all). */
    public RunOptions withMetricsEndpoint(MetricsEndpoint endpoint) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, progress, report, measureHeap, endpoint, warmup);
    }

    /** Forces one full garbage collection just before the devices stop, so the summary shows live heap. */
    public RunOptions withMeasureHeap(boolean measure) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, progress, report, measure, metricsEndpoint, warmup);
    }

    public RunOptions withShards(int n) {
        return new RunOptions(resultsDir, reportingPeriod, n, stopTimeout, progress, report, measureHeap, metricsEndpoint, warmup);
    }

    public RunOptions withProgress(Consumer<String> sink) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, sink, report, measureHeap, metricsEndpoint, warmup);
    }

    public RunOptions withReport(Consumer<Path> renderer) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, progress, renderer, measureHeap, metricsEndpoint, warmup);
    }

    public RunOptions withReportingPeriod(Duration period) {
        return new RunOptions(resultsDir, period, shards, stopTimeout, progress, report, measureHeap, metricsEndpoint, warmup);
    }

    /** Throw-away devices register for this wall time before the run clock starts (ZERO: no warm-up). */
    public RunOptions withWarmup(Duration length) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, progress, report, measureHeap,
                metricsEndpoint, length);
    }
}
