package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-second rates from the per-period counts of {@code timeline.csv}: a period's count divided by
 * its length in simulated seconds (the difference of {@code t} to the row before, or to 0 for the
 * first row). Periods are one wall second long, so at a time scale above 1 a period spans several
 * simulated seconds and counts per period would not be rates.
 */
final class TimelineRates {

    private TimelineRates() {
    }

    /** One series per column named in {@code labels} (column to label) that the timeline has, in file order. */
    static List<ChartData.Series> perSecond(Timeline timeline, Map<String, String> labels) {
        List<ChartData.Series> series = new ArrayList<>();
        if (timeline.isEmpty() || !timeline.hasColumn(Timeline.T)) {
            return series;
        }
        for (String column : timeline.columns()) {
            if (labels.containsKey(column)) {
                series.add(new ChartData.Series(labels.get(column), column, rates(timeline, column)));
            }
        }
        return series;
    }

    private static List<ChartData.Point> rates(Timeline timeline, String column) {
        List<ChartData.Point> points = new ArrayList<>();
        double previousT = 0;
        for (Map<String, Double> row : timeline.rows()) {
            Double t = row.get(Timeline.T);
            Double count = row.get(column);
            if (t == null) {
                continue;
            }
            double seconds = t - previousT;
            if (count != null && seconds > 0) {
                points.add(new ChartData.Point(t, Math.round(count / seconds * 1000.0) / 1000.0));
            }
            previousT = t;
        }
        return points;
    }
}
