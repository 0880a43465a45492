package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fleetsim.resultsformat.FailureCause;

/**
 * The report's tables of a capacity run, each empty (and its part of the page left out) when the run
 * has nothing for it: load stages planned against registered, what the embedded server's registration
 * limit did beside the devices' {@code blocked} registrations, the server requests the devices served,
 * their notifications, and a clustered run's agents.
 */
final class CapacityTables {

    /** Labels of {@code serverRequests} counts, in the documented order. */
    private static final Map<String, String> OPERATIONS = operations();

    private CapacityTables() {
    }

    /** The template variables of the capacity tables ({@code capacity-tables.peb}). */
    static Map<String, Object> of(ResultsDirectory results) {
        Map<String, Object> tables = new LinkedHashMap<>();
        Optional<RunSummary> summary = results.summary();
        tables.put("stageRows", summary.map(CapacityTables::stages).orElse(List.of()));
        tables.put("registrationLimitRows", summary.map(CapacityTables::registrationLimit).orElse(List.of()));
        tables.put("serverRequestRows", summary.map(CapacityTables::serverRequests).orElse(List.of()));
        tables.put("notificationRows", summary.map(CapacityTables::notifications).orElse(List.of()));
        tables.put("agentRows", summary.map(CapacityTables::agents).orElse(List.of()));
        return tables;
    }

    /** One load stage: planned active devices at its end, registered then, and how far apart. */
    record StageRow(String stage, String endSeconds, String planned, String registered, String difference) {
    }

    /** One agent of a clustered run. */
    record AgentRow(String name, String host, String devices, String started, String registered,
                    String registeredAtEnd, String clockOffsetMs, String roundTripMs, String left) {
    }

    static List<StageRow> stages(RunSummary summary) {
        if (summary.arrival() == null) {
            return List.of();
        }
        List<StageRow> rows = new ArrayList<>();
        for (CapacityBlocks.StageEnd end : summary.arrival().stages()) {
            Double registered = end.registered() == null ? null : end.registered().doubleValue();
            rows.add(new StageRow(end.stage() == null ? Figures.ABSENT : end.stage(),
                    Figures.withUnit(end.endSeconds(), "s"), Figures.decimal(end.devices()),
                    registered == null ? "not reached" : Figures.count(end.registered()),
                    difference(end.devices(), registered)));
        }
        return rows;
    }

    /** (registered - planned) / planned as a signed percentage; "-" with nothing planned or nothing measured. */
    private static String difference(Double planned, Double registered) {
        if (planned == null || registered == null || planned == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f %%", (registered - planned) / planned * 100.0);
    }

    static List<TableRow> registrationLimit(RunSummary summary) {
        if (summary.server() == null || summary.server().registrationLimit() == null) {
            return List.of();
        }
        CapacityBlocks.RegistrationLimit limit = summary.server().registrationLimit();
        long blocked = summary.registration() == null ? 0
                : summary.registration().failures().getOrDefault(FailureCause.BLOCKED.wireName(), 0L);
        return List.of(
                new TableRow("Devices blocked", Figures.count(limit.blockedDevices())),
                new TableRow("Blocks (a device blocked again counts again)", Figures.count(limit.blocks())),
                new TableRow("Registers refused", Figures.count(limit.refused())),
                new TableRow("Registers dropped without an answer", Figures.count(limit.ignored())),
                new TableRow("Registrations failed as blocked (device side)", Figures.count(blocked)));
    }

    /** The server requests the devices served ({@code serverRequests}) that happened at least once, in the documented order. */
    static List<TableRow> serverRequests(RunSummary summary) {
        if (summary.serverRequests() == null) {
            return List.of();
        }
        List<TableRow> rows = new ArrayList<>();
        OPERATIONS.forEach((operation, label) -> {
            Long count = summary.serverRequests().get(operation);
            if (count != null && count > 0) {
                rows.add(new TableRow(label, Figures.count(count)));
            }
        });
        return rows;
    }

    /** Notification figures; empty when no notification was sent and no observation started. */
    static List<TableRow> notifications(RunSummary summary) {
        CapacityBlocks.Notifications n = summary.notifications();
        if (n == null) {
            return List.of();
        }
        long con = n.sent().getOrDefault("CON", 0L);
        long non = n.sent().getOrDefault("NON", 0L);
        CapacityBlocks.Observations observations = n.observations() == null
                ? new CapacityBlocks.Observations(null, null, null, null) : n.observations();
        if (con + non == 0 && (observations.started() == null || observations.started() == 0)) {
            return List.of();
        }
        List<TableRow> rows = new ArrayList<>();
        rows.add(new TableRow("Notifications sent, CON", Figures.count(con)));
        rows.add(new TableRow("Notifications sent, NON", Figures.count(non)));
        rows.add(new TableRow("CON notifications acknowledged", Figures.count(n.acknowledged())));
        rows.add(new TableRow("CON notifications lost (no ACK after all retransmissions)", Figures.count(n.lost())));
        RunSummary.Latency latency = n.latencyMs();
        if (latency != null && latency.measured()) {
            rows.add(new TableRow("Notification latency to the ACK, p50 / p90 / p99 / max",
                    Figures.duration(latency.p50()) + " / " + Figures.duration(latency.p90()) + " / "
                            + Figures.duration(latency.p99()) + " / " + Figures.duration(latency.max())));
        }
        rows.add(new TableRow("Observations started", Figures.count(observations.started())));
        rows.add(new TableRow("Observations ended (of them reset by the server)", Figures.count(observations.ended())
                + " (" + Figures.count(observations.resetByServer()) + ")"));
        rows.add(new TableRow("Observations active at the end", Figures.count(observations.activeAtEnd())));
        return rows;
    }

    static List<AgentRow> agents(RunSummary summary) {
        if (summary.cluster() == null) {
            return List.of();
        }
        return summary.cluster().agents().stream().map(a -> new AgentRow(
                a.name() == null ? Figures.ABSENT : a.name(), a.host() == null ? Figures.ABSENT : a.host(),
                Figures.count(a.devices()), Figures.count(a.started()), Figures.count(a.registered()),
                Figures.count(a.registeredAtEnd()), Figures.decimal(a.clockOffsetMs()), Figures.decimal(a.roundTripMs()),
                Boolean.TRUE.equals(a.left())
                        ? "at " + Figures.withUnit(a.leftAtSeconds(), "s") : "no")).toList();
    }

    private static Map<String, String> operations() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("read", "Read");
        labels.put("write", "Write");
        labels.put("execute", "Execute");
        labels.put("discover", "Discover");
        labels.put("writeAttributes", "Write-Attributes");
        labels.put("create", "Create");
        labels.put("delete", "Delete");
        labels.put("observe", "Observe (started an observation)");
        labels.put("observeCancel", "Observe cancel");
        labels.put("notFound", "Answered 4.04 Not Found");
        labels.put("methodNotAllowed", "Answered 4.05 Method Not Allowed");
        labels.put("badRequest", "Answered 4.00 Bad Request");
        labels.put("reboots", "Reboots (Execute /3/0/4)");
        return labels;
    }
}
