package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Chart lines made of {@code timeline.csv} columns as they are (gauges, not rates), against {@code t}. */
final class TimelineSeries {

    private TimelineSeries() {
    }

    /** One series per column named in {@code labels} (column to label) that the timeline has, in file order. */
    static List<ChartData.Series> of(Timeline timeline, Map<String, String> labels) {
        List<ChartData.Series> series = new ArrayList<>();
        if (timeline.isEmpty() || !timeline.hasColumn(Timeline.T)) {
            return series;
        }
        for (String column : timeline.columns()) {
            if (labels.containsKey(column)) {
                series.add(new ChartData.Series(labels.get(column), column, points(timeline, column)));
            }
        }
        return series;
    }

    /** The points of a column, rows without a value left out. */
    static List<ChartData.Point> points(Timeline timeline, String column) {
        return points(timeline, column, Double.NEGATIVE_INFINITY);
    }

    /** The points of a column whose value is at least {@code min}. */
    static List<ChartData.Point> points(Timeline timeline, String column, double min) {
        List<ChartData.Point> points = new ArrayList<>();
        for (Map<String, Double> row : timeline.rows()) {
            if (row.get(Timeline.T) != null && row.get(column) != null && row.get(column) >= min) {
                points.add(new ChartData.Point(row.get(Timeline.T), row.get(column)));
            }
        }
        return points;
    }

    /** True when some row has a value above 0 in one of the columns. */
    static boolean anyPositive(Timeline timeline, List<String> columns) {
        return timeline.rows().stream().anyMatch(row -> columns.stream()
                .anyMatch(column -> row.get(column) != null && row.get(column) > 0));
    }
}
