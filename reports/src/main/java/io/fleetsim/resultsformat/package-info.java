/**
 * The names of fleetsim's results format ({@code docs/results-format.md}), defined once for the
 * simulator that writes a results directory and the reports that read it: failure causes
 * ({@link io.fleetsim.resultsformat.FailureCause}, {@link io.fleetsim.resultsformat.Cause}) and histogram
 * tags ({@link io.fleetsim.resultsformat.HistogramTag}).
 */
package io.fleetsim.resultsformat;
