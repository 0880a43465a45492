package io.fleetsim.preflight;

import java.util.List;

/** The checks of one target, in the order they ran. */
public record TargetReport(PreflightTarget target, List<Check> checks) {

    public TargetReport {
        checks = List.copyOf(checks);
    }

    /** Whether no check failed (warnings do not count). */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }
}
