package io.fleetsim.reports;

import java.util.List;

/**
 * One line of the report's thresholds table, formatted for display.
 *
 * @param expression the threshold as written in the scenario
 * @param observed   the measured value, or "no samples"
 * @param limit      comparator and limit, e.g. {@code < 500}
 * @param pass       whether the threshold passed
 */
public record ThresholdRow(String expression, String observed, String limit, boolean pass) {

    /** What a threshold whose metric had no samples shows, and why it failed. */
    static final String NO_SAMPLES = "no samples";

    static List<ThresholdRow> of(List<RunSummary.Threshold> thresholds) {
        return thresholds.stream().map(ThresholdRow::of).toList();
    }

    static ThresholdRow of(RunSummary.Threshold threshold) {
        String observed = threshold.observed() == null ? NO_SAMPLES : Figures.decimal(threshold.observed());
        String comparator = threshold.comparator() == null ? "" : threshold.comparator() + " ";
        return new ThresholdRow(threshold.expression(), observed,
                comparator + Figures.decimal(threshold.limit()), threshold.pass());
    }

    /** "pass" or "fail", used as text and as CSS class. */
    public String result() {
        return pass ? "pass" : "fail";
    }
}
