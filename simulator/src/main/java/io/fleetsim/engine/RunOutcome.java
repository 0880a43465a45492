package io.fleetsim.engine;

import java.nio.file.Path;

import io.fleetsim.metrics.SummaryJson;

/** What a finished run left: its results directory and its final summary. */
public record RunOutcome(Path resultsDir, SummaryJson.Snapshot summary) {

    public boolean passed() {
        return summary.thresholds().stream().allMatch(t -> t.pass());
    }
}
