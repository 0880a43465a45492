package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link RunSummary} into the label/value lines of the report's summary table that
 * describe the run (devices, duration, target, operations, messages); the headline figures come
 * first, from {@link HeadlineRows}.
 */
final class SummaryTable {

    private SummaryTable() {
    }

    static List<TableRow> rows(RunSummary summary) {
        List<TableRow> rows = new ArrayList<>();
        RunSummary.Devices devices = Optional.ofNullable(summary.devices())
                .orElse(new RunSummary.Devices(null, null, null, null));
        rows.add(new TableRow("Scenario file", summary.scenario() == null || summary.scenario().file() == null
                ? Figures.ABSENT : summary.scenario().file()));
        rows.add(new TableRow("Devices planned", Figures.count(devices.planned())));
        rows.add(new TableRow("Devices started", Figures.count(devices.started())));
        rows.add(new TableRow("Devices registered", Figures.count(devices.registered())));
        rows.add(new TableRow("Devices registered at end", Figures.count(devices.registeredAtEnd())));
        addDurations(rows, summary);
        rows.add(new TableRow("Target", target(summary.target())));
        addOperation(rows, "Registration", summary.registration());
        if (summary.update() != null) {
            addOperation(rows, "Update", summary.update());
        }
        SummaryBlocks.Deregistration deregistration = summary.deregistration();
        if (deregistration != null && deregistration.unfinished() != null) {
            rows.add(new TableRow("De-registrations", Figures.count(deregistration.count())));
            rows.add(new TableRow("De-registration unfinished (no answer by the end)",
                    Figures.count(deregistration.unfinished())));
            rows.add(new TableRow("De-registration success ratio", Figures.percent(deregistration.successRatio())));
        }
        rows.add(new TableRow("Retransmissions", Figures.count(summary.retransmissions())));
        RunSummary.Messages messages = summary.messages();
        rows.add(new TableRow("Messages sent", messages == null ? Figures.ABSENT : byType(messages.sent())));
        rows.add(new TableRow("Messages received", messages == null ? Figures.ABSENT : byType(messages.received())));
        rows.add(new TableRow("Started at", summary.startedAt() == null ? Figures.ABSENT : summary.startedAt()));
        rows.add(new TableRow("Written by", summary.tool() == null ? Figures.ABSENT : summary.tool()));
        return rows;
    }

    private static void addDurations(List<TableRow> rows, RunSummary summary) {
        RunSummary.Durations duration = summary.durationSeconds();
        rows.add(new TableRow("Duration (simulated)",
                Figures.withUnit(duration == null ? null : duration.simulated(), "s")));
        rows.add(new TableRow("Duration (wall)", Figures.withUnit(duration == null ? null : duration.wall(), "s")));
        rows.add(new TableRow("Time scale", summary.timeScale() == null ? Figures.ABSENT
                : Figures.decimal(summary.timeScale()) + " simulated s per wall s"));
    }

    private static void addOperation(List<TableRow> rows, String name, RunSummary.Operation operation) {
        RunSummary.Operation op = operation == null ? new RunSummary.Operation(null, null, null, null, null) : operation;
        rows.add(new TableRow(name + " attempts", Figures.count(op.attempts())));
        rows.add(new TableRow(name + " successes", Figures.count(op.successes())));
        if (op.unfinished() != null) {
            rows.add(new TableRow(name + " unfinished (no answer by the end)", Figures.count(op.unfinished())));
        }
        rows.add(new TableRow(name + " success ratio", Figures.percent(op.successRatio())));
    }

    private static String target(RunSummary.Target target) {
        if (target == null || target.uri() == null) {
            return Figures.ABSENT;
        }
        return Boolean.TRUE.equals(target.embedded()) ? target.uri() + " (embedded server)" : target.uri();
    }

    /** Total and the non-zero types, e.g. {@code 803 (CON 800, ACK 3)}. */
    private static String byType(Map<String, Long> counts) {
        if (counts == null) {
            return Figures.ABSENT;
        }
        long total = counts.values().stream().mapToLong(v -> v == null ? 0 : v).sum();
        return Figures.count(total) + CauseList.of(counts);
    }
}
