package io.fleetsim.metrics;

import io.fleetsim.scenario.Threshold;

/** A threshold with the value observed for its metric (null when nothing was measured). */
public record ThresholdResult(Threshold threshold, Double observed, boolean pass) {
}
