package io.fleetsim.tune;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished sweep: every cell's result and the recommendation per NAT profile and group.
 *
 * @param tune            the tune file
 * @param dir             the tune results directory
 * @param cells           one result per cell, in run order
 * @param recommendations one per profile and group
 * @param wallSeconds     wall time of the whole sweep
 */
public record TuneReport(TuneFile tune, Path dir, List<CellResult> cells, List<Recommendation> recommendations,
        double wallSeconds) {

    /** True when every profile and group has a candidate that met the goal. */
    public boolean allMeetGoal() {
        return recommendations.stream().allMatch(Recommendation::meetsGoal);
    }
}
