package io.fleetsim.reports;

/**
 * One chart section of the report: its canvas id, heading and caption, and either data (drawn by
 * the page's script) or a short note saying why there is nothing to draw.
 *
 * @param id      stable id of the {@code <canvas>}, also the key of its data in the page's JSON
 * @param title   heading above the chart
 * @param caption one line saying what the chart shows
 * @param hasData whether data for this chart exists
 * @param noData  the note shown instead of the chart when there is no data
 */
public record ChartPanel(String id, String title, String caption, boolean hasData, String noData) {
}
