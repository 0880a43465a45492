package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run's events as marks on the charts over simulated time: a vertical line and a label at
 * each event, and at the end of a server outage.
 */
final class EventMarkers {

    private EventMarkers() {
    }

    /** One mark: where on the simulated-seconds axis, and what it says. */
    record Marker(double atSeconds, String label) {
    }

    static List<Marker> of(RunSummary summary) {
        List<Marker> markers = new ArrayList<>();
        for (RunSummary.Event event : summary.events()) {
            if (event.atSeconds() == null || event.kind() == null) {
                continue;
            }
            Map<String, Object> parameters = event.parameters() == null ? Map.of() : event.parameters();
            markers.add(new Marker(event.atSeconds(), label(event.kind(), parameters)));
            if (event.kind().equals("serverOutage") && parameters.get("seconds") instanceof Number seconds) {
                markers.add(new Marker(event.atSeconds() + seconds.doubleValue(), "server back"));
            }
        }
        markers.sort(Comparator.comparingDouble(Marker::atSeconds));
        return markers;
    }

    private static String label(String kind, Map<String, Object> parameters) {
        if (parameters.isEmpty()) {
            return kind;
        }
        return kind + " (" + parameters.entrySet().stream().map(e -> e.getKey() + " " + value(e.getValue()))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String value(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(value);
    }
}
