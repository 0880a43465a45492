package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bars of the failures-by-cause chart: every operation whose failures {@code summary.json}
 * counts by cause (registration, update, de-registration, DTLS handshake), one bar per
 * "operation: cause", causes in alphabetical order within an operation.
 */
final class FailureBars {

    private FailureBars() {
    }

    /** The bars, or empty when nothing failed (or no operation reports failures). */
    static Optional<ChartData.Bars> of(RunSummary summary) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        add(labels, values, "registration", summary.registration() == null ? null : summary.registration().failures());
        add(labels, values, "update", summary.update() == null ? null : summary.update().failures());
        add(labels, values, "deregistration",
                summary.deregistration() == null ? null : summary.deregistration().failures());
        add(labels, values, "handshake", summary.handshake() == null ? null : summary.handshake().failures());
        add(labels, values, "tls handshake", summary.tls() == null ? null : summary.tls().failures());
        add(labels, values, "connection lost",
                summary.connections() == null ? null : summary.connections().lost());
        boolean anyFailure = values.stream().anyMatch(v -> v > 0);
        return anyFailure ? Optional.of(new ChartData.Bars(labels, values)) : Optional.empty();
    }

    private static void add(List<String> labels, List<Long> values, String operation, Map<String, Long> failures) {
        if (failures == null) {
            return;
        }
        failures.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(cause -> {
            labels.add(operation + ": " + cause.getKey());
            values.add(cause.getValue() == null ? 0L : cause.getValue());
        });
    }
}
