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
 */
public record RunOptions(Path resultsDir, Duration reportingPeriod, int shards, Duration stopTimeout,
        Consumer<String> progress, Consumer<Path> report, boolean measureHeap) {

    public static RunOptions defaults(Path resultsDir) {
        return new RunOptions(resultsDir, Duration.ofSeconds(1), 0, Duration.ofSeconds(30), line -> { }, dir -> { },
                false);
    }

    /** Forces one full garbage collection just before the devices stop, so the summary shows live heap. */
    public RunOptions withMeasureHeap(boolean measure) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, progress, report, measure);
    }

    public RunOptions withShards(int n) {
        return new RunOptions(resultsDir, reportingPeriod, n, stopTimeout, progress, report, measureHeap);
    }

    public RunOptions withProgress(Consumer<String> sink) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, sink, report, measureHeap);
    }

    public RunOptions withReport(Consumer<Path> renderer) {
        return new RunOptions(resultsDir, reportingPeriod, shards, stopTimeout, progress, renderer, measureHeap);
    }

    public RunOptions withReportingPeriod(Duration period) {
        return new RunOptions(resultsDir, period, shards, stopTimeout, progress, report, measureHeap);
    }
}
