package io.fleetsim.progress;

import java.util.Locale;

/**
 * The figures of one progress line.
 *
 * @param elapsedSeconds         simulated seconds since the run started
 * @param plannedSeconds         simulated length of the run
 * @param registered             devices registered now
 * @param planned                devices the scenario plans
 * @param registrationsPerSecond successful registrations per simulated second since the previous line
 * @param registrationP99Ms      registration latency p99 of the run so far (corrected), null before any
 * @param errors                 failed registrations, updates and de-registrations so far
 * @param blocked                registrations failed as {@code blocked} so far (a server's registration limit)
 */
public record ProgressSnapshot(double elapsedSeconds, long plannedSeconds, long registered, long planned,
        double registrationsPerSecond, Double registrationP99Ms, long errors, long blocked) {

    /** A snapshot with no blocked registrations. */
    public ProgressSnapshot(double elapsedSeconds, long plannedSeconds, long registered, long planned,
            double registrationsPerSecond, Double registrationP99Ms, long errors) {
        this(elapsedSeconds, plannedSeconds, registered, planned, registrationsPerSecond, registrationP99Ms, errors, 0);
    }

    /**
     * One line, {@code key=value} pairs so CI logs can be searched, e.g.
     * {@code t=12s/60s registered=1200/5000 rate=100.0/s p99=4.1ms errors=0}; once a server has
     * blocked registrations, {@code blocked=<n>} follows (they are among the errors too).
     */
    public String line() {
        String line = String.format(Locale.ROOT, "t=%.0fs/%ds registered=%d/%d rate=%.1f/s p99=%s errors=%d",
                Math.floor(elapsedSeconds), plannedSeconds, registered, planned, registrationsPerSecond,
                registrationP99Ms == null ? "-" : String.format(Locale.ROOT, "%.1fms", registrationP99Ms), errors);
        return blocked > 0 ? line + " blocked=" + blocked : line;
    }
}
