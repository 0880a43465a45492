package io.fleetsim.metrics;

import io.fleetsim.scenario.Threshold;

/**
 * A threshold with the value observed for its metric (null when the metric has no samples: then
 * the threshold fails).
 */
public record ThresholdResult(Threshold threshold, Double observed, boolean pass) {

    /** What a threshold with no observed value says instead of one. */
    public static final String NO_SAMPLES = "no samples";

    /** {@code observed 0.998}, or {@code no samples}. */
    public String observedText() {
        return observed == null ? NO_SAMPLES : String.format(java.util.Locale.ROOT, "observed %.3f", observed);
    }
}
