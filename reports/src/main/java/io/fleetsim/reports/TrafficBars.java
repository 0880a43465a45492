package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The traffic chart: per message kind (registration, update, keepalive, data, handshake) the messages
 * and bytes per observed device-hour, both directions, as {@code summary.json}'s {@code traffic}
 * block gives them.
 */
final class TrafficBars {

    /** Key of the messages-per-device-hour bars. */
    static final String MESSAGES = "messagesPerDeviceHour";
    /** Key of the bytes-per-device-hour bars. */
    static final String BYTES = "bytesPerDeviceHour";

    private TrafficBars() {
    }

    /** The bars, or empty when the summary has no traffic block or no message was counted. */
    static Optional<ChartData.GroupedBars> of(RunSummary summary) {
        SummaryBlocks.Traffic traffic = summary.traffic();
        if (traffic == null || traffic.kinds().isEmpty()) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        List<Double> messages = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        for (Map.Entry<String, SummaryBlocks.TrafficKind> kind : traffic.kinds().entrySet()) {
            labels.add(kind.getKey());
            messages.add(orZero(kind.getValue().messagesPerDeviceHour()));
            bytes.add(orZero(kind.getValue().bytesPerDeviceHour()));
        }
        if (messages.stream().allMatch(v -> v == 0.0)) {
            return Optional.empty();
        }
        return Optional.of(new ChartData.GroupedBars(labels, List.of(
                new ChartData.BarSet("Messages per device-hour", MESSAGES, messages),
                new ChartData.BarSet("Bytes per device-hour", BYTES, bytes))));
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
