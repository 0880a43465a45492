package io.fleetsim.tune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.fleetsim.FleetsimVersion;

/** Builds and writes {@code tune.json} (format 1, fields in docs/tune.md). */
final class TuneJson {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TuneJson() {
    }

    static void write(TuneReport report, Path file) throws IOException {
        JSON.writeValue(file.toFile(), build(report));
    }

    /** Writes one cell's line of tune.json into its results directory, so the cell says what it was. */
    static void writeCell(CellResult result, Path file) throws IOException {
        JSON.writeValue(file.toFile(), cell(result));
    }

    static Map<String, Object> build(TuneReport report) {
        TuneFile t = report.tune();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("tool", "fleetsim " + FleetsimVersion.VERSION);
        root.put("name", t.name());
        root.put("file", String.valueOf(t.source()));
        root.put("goal", t.goal());
        root.put("devicesPerCell", t.devicesPerCell());
        root.put("cellSimulatedSeconds", t.cellSeconds());
        root.put("timeScale", t.timeScale());
        root.put("radio", Map.of("profile", t.radio().profile(), "tailSeconds", t.radio().tailSeconds()));
        root.put("wallSeconds", report.wallSeconds());
        root.put("allMeetGoal", report.allMeetGoal());
        root.put("recommendations", report.recommendations().stream().map(TuneJson::recommendation).toList());
        root.put("cells", report.cells().stream().map(TuneJson::cell).toList());
        return root;
    }

    static Map<String, Object> cell(CellResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", r.cell().profile());
        m.put("group", r.cell().group());
        m.put("candidate", r.cell().candidate().label());
        m.put("kind", r.cell().candidate().kind().label());
        m.put("intervalSeconds", r.cell().candidate().seconds());
        m.put("devices", r.cell().scenario().deviceCount());
        m.put("deviceHours", r.deviceHours());
        m.put("reachability", Map.of("exact", nullable(r.reachability()), "probed", nullable(r.probedReachability())));
        m.put("goal", Map.of("observed", nullable(r.goalObserved()), "met", r.goalMet()));
        m.put("messagesPerDeviceDay", withTotal(r.messagesPerDay(), r.totalMessagesPerDay()));
        m.put("bytesPerDeviceDay", withTotal(r.bytesPerDay(), r.totalBytesPerDay()));
        m.put("reconnectsPerDeviceDay", r.reconnectsPerDay());
        m.put("reconnectP99Seconds", nullable(r.reconnectP99Seconds()));
        m.put("radioSecondsPerDeviceDay", r.radioSecondsPerDay());
        m.put("wallSeconds", r.wallSeconds());
        m.put("behind", r.behind());
        m.put("timeScale", r.timeScale());
        m.put("behindAtTimeScales", r.behindAt());
        m.put("leftOut", r.leftOutReason());
        m.put("resultsDir", r.resultsDir());
        return m;
    }

    private static Map<String, Object> recommendation(Recommendation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", r.profile());
        m.put("group", r.group());
        m.put("meetsGoal", r.meetsGoal());
        m.put("recommended", r.meetsGoal() ? r.chosen().cell().candidate().label() : null);
        m.put("intervalSeconds", r.meetsGoal() ? r.chosen().cell().candidate().seconds() : null);
        m.put("reachability", r.meetsGoal() ? r.chosen().reachability() : null);
        m.put("shortest", r.noCellOnTime() ? null : r.shortest().cell().candidate().label());
        m.put("leftOut", r.leftOut().stream().map(c -> c.cell().candidate().label()).toList());
        if (r.noCellOnTime()) {
            m.put("note", "no recommendation can be made: the simulator fell behind its clock in every cell");
        } else if (r.meetsGoal()) {
            m.put("warning", r.warning());
            m.put("saved", Map.of("messages", r.messagesSaved(), "bytes", r.bytesSaved(), "radio", r.radioSaved()));
        } else {
            m.put("note", "none of the candidates meets the goal");
            m.put("closest", r.best().cell().candidate().label());
            m.put("closestObserved", r.best().goalObserved());
        }
        return m;
    }

    private static Map<String, Object> withTotal(Map<String, Double> byKind, double total) {
        Map<String, Object> m = new LinkedHashMap<>(byKind);
        m.put("total", total);
        return m;
    }

    private static Object nullable(Object value) {
        return value == null ? NULL : value;
    }

    /** Map.of refuses null values; Jackson writes this as JSON null. */
    private static final Object NULL = com.fasterxml.jackson.databind.node.NullNode.getInstance();
}
