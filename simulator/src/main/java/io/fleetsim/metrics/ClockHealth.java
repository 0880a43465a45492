package io.fleetsim.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Whether the simulator kept up with its own clock: how late its timers fired (wall time) and
 * what that is in simulated time. A run is "behind" when the 99th percentile of lateness is more
 * than one simulated second: then pings, updates and NAT timers near a timeout are distorted, and
 * the run should be repeated at a lower time scale or with fewer devices per process.
 */
public final class ClockHealth {

    /** Lateness (simulated) above which a run counts as behind. */
    public static final double BEHIND_SIMULATED_MS = 1_000;

    private ClockHealth() {
    }

    /** {@code timerLatenessMs} (wall), {@code simulatedLagP99Ms} and {@code behind}. */
    public static Map<String, Object> of(Histogram latenessMicros, double timeScale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timerLatenessMs", LatencySummary.of(latenessMicros));
        Double p99 = simulatedLagP99Ms(latenessMicros, timeScale);
        out.put("simulatedLagP99Ms", p99);
        out.put("behind", p99 != null && p99 > BEHIND_SIMULATED_MS);
        return out;
    }

    /** The 99th percentile of timer lateness in simulated milliseconds; null before any timer fired. */
    public static Double simulatedLagP99Ms(Histogram latenessMicros, double timeScale) {
        Double wallMs = LatencySummary.percentile(latenessMicros, 99);
        return wallMs == null ? null : Math.round(wallMs * timeScale * 1000.0) / 1000.0;
    }
}
