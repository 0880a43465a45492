package io.fleetsim.reports;

/** One label/value line of the report's summary table. */
public record TableRow(String label, String value) {
}
