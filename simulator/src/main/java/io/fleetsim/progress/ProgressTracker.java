package io.fleetsim.progress;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.LiveFigures;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.resultsformat.FailureCause;

/**
 * Turns what a run measured so far into {@link ProgressSnapshot}s, remembering the previous one so
 * it can give a registration rate. Called from one plain thread (the one waiting for the run's end).
 */
public final class ProgressTracker {

    private final LiveFigures figures;
    private final long plannedSeconds;
    private long previousRegistrations;
    private long previousMillis;

    public ProgressTracker(LiveFigures figures, long plannedSeconds) {
        this.figures = figures;
        this.plannedSeconds = plannedSeconds;
    }

    /** The progress at simulated {@code nowMillis}; the rate covers the time since the previous call. */
    public ProgressSnapshot next(long nowMillis) {
        RunTotals totals = figures.totals();
        long registrations = totals.get(Counter.REGISTRATIONS);
        long elapsed = nowMillis - previousMillis;
        double rate = elapsed <= 0 ? 0 : (registrations - previousRegistrations) * 1000.0 / elapsed;
        previousRegistrations = registrations;
        previousMillis = nowMillis;
        long errors = totals.get(Counter.REGISTRATION_FAILURES) + totals.get(Counter.UPDATE_FAILURES)
                + totals.get(Counter.DEREGISTRATION_FAILURES);
        long blocked = totals.failures(FailureKind.REGISTRATION)
                .getOrDefault(FailureCause.BLOCKED.wireName(), 0L);
        return new ProgressSnapshot(nowMillis / 1000.0, plannedSeconds, totals.registeredNow(),
                figures.plannedDevices(), rate, figures.percentileMs(LatencyMetric.REGISTRATION, 99), errors, blocked);
    }
}
