package io.fleetsim.tune;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.fleetsim.engine.RunOutcome;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.metrics.ThresholdResult;
import io.fleetsim.metrics.TrafficKind;

/** Turns a cell's finished run into its {@link CellResult}. */
final class CellMeasures {

    private static final double HOURS_PER_DAY = 24;

    private CellMeasures() {
    }

    static CellResult of(TuneCell cell, RunOutcome outcome, Path tuneDir) {
        RunTotals totals = outcome.summary().totals();
        double hours = totals.deviceHours();
        Map<String, Double> messages = new LinkedHashMap<>();
        Map<String, Double> bytes = new LinkedHashMap<>();
        for (TrafficKind kind : TrafficKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            messages.put(name, perDay(totals.get(kind.sent()) + totals.get(kind.received()), hours));
            bytes.put(name, perDay(totals.get(kind.sentBytes()) + totals.get(kind.receivedBytes()), hours));
        }
        Histogram reconnects = outcome.summary().histograms().get(LatencyMetric.RECONNECT);
        long reconnectCount = reconnects == null ? 0 : reconnects.getTotalCount();
        Double p99 = reconnectCount == 0 ? null : reconnects.getValueAtPercentile(99) / 1_000_000.0;
        ThresholdResult goal = outcome.summary().thresholds().get(0);
        return new CellResult(cell, tuneDir.relativize(outcome.resultsDir()).toString(), totals.reachability(),
                totals.probedReachability(), goal.observed(), goal.pass(), messages, bytes,
                perDay(reconnectCount, hours), p99,
                radioSecondsPerDay(totals), hours,
                outcome.summary().wallSeconds(), outcome.summary().behind());
    }

    /** The run's radio-on seconds per device-day, 0 when no device was observed (as {@link #perDay}). */
    private static double radioSecondsPerDay(RunTotals totals) {
        Double seconds = totals.radioSecondsPerDeviceDay();
        return seconds == null ? 0 : seconds;
    }

    private static double perDay(long count, double deviceHours) {
        return deviceHours <= 0 ? 0 : count / deviceHours * HOURS_PER_DAY;
    }
}
