package io.fleetsim.reports;

import java.util.List;

/**
 * A part of the report's page: a heading and its chart sections in order.
 *
 * @param name   the heading, e.g. "Latency"
 * @param panels the charts of the part, in page order
 */
public record ChartGroup(String name, List<ChartPanel> panels) {

    public ChartGroup {
        panels = List.copyOf(panels);
    }
}
