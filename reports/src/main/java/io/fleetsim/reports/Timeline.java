package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code timeline.csv}: counters and gauges per reporting period, by column name.
 * Columns this reader does not know are kept, so later format additions do not break it.
 */
public final class Timeline {

    /** End of the period, simulated seconds since the run started. */
    public static final String T = "t";

    private final List<String> columns;
    private final List<Map<String, Double>> rows;

    Timeline(List<String> columns, List<Map<String, Double>> rows) {
        this.columns = List.copyOf(columns);
        List<Map<String, Double>> copies = new ArrayList<>();
        rows.forEach(row -> copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row))));
        this.rows = Collections.unmodifiableList(copies);
    }

    /** A timeline without rows, as for a run killed before its first period ended. */
    public static Timeline empty() {
        return new Timeline(List.of(), List.of());
    }

    /** Column names in file order. */
    public List<String> columns() {
        return columns;
    }

    /** True when the header names this column. */
    public boolean hasColumn(String name) {
        return columns.contains(name);
    }

    /** Rows in file order; each maps column name to value (null for an empty cell). */
    public List<Map<String, Double>> rows() {
        return rows;
    }

    /** The values of one column, one per row (null where a row has no value). */
    public List<Double> column(String name) {
        List<Double> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(row.get(name)));
        return values;
    }

    /** True when there is no row. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
