package io.fleetsim.tune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fleetsim.reports.OfflinePage;

/**
 * Writes {@code tune.html}: the recommendation table, reachability and cost against interval
 * (one line per profile / group / kind, the recommendation marked), and every cell, in one
 * offline page rendered by the reports module's template with Chart.js inlined.
 */
final class TunePage {

    static final String TEMPLATE = "io/fleetsim/reports/tune.peb";

    private TunePage() {
    }

    static Path write(TuneReport report, Path file) {
        TuneFile t = report.tune();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("name", t.name());
        context.put("verdict", report.allMeetGoal() ? "GOAL MET" : "GOAL NOT MET");
        context.put("verdictClass", report.allMeetGoal() ? "pass" : "fail");
        context.put("goal", t.goal());
        context.put("devicesPerCell", t.devicesPerCell());
        context.put("cellSeconds", t.cellSeconds());
        context.put("timeScale", fmt("%.4g", t.timeScale()));
        context.put("radio", t.radio().profile() + ", " + fmt("%.0f", t.radio().tailSeconds()) + " s tail");
        context.put("recommendations", report.recommendations().stream().map(TunePage::recommendationRow).toList());
        context.put("cells", report.cells().stream().map(c -> cellRow(report, c)).toList());
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("chart-reachability", chart(report, true));
        charts.put("chart-cost", chart(report, false));
        return OfflinePage.write(TEMPLATE, context, Map.of("charts", charts), file);
    }

    private static Map<String, Object> chart(TuneReport report, boolean reachability) {
        Map<String, List<Map<String, Object>>> lines = new LinkedHashMap<>();
        for (CellResult r : report.cells()) {
            String label = r.cell().profile() + " / " + r.cell().group() + " / " + r.cell().candidate().kind().label();
            Double y = reachability ? r.reachability() : Double.valueOf(r.totalMessagesPerDay());
            if (y == null || r.behind()) {
                continue;
            }
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("x", r.cell().candidate().seconds());
            point.put("y", y);
            point.put("recommended", TuneCsv.recommended(report, r));
            lines.computeIfAbsent(label, k -> new ArrayList<>()).add(point);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        lines.forEach((label, points) -> {
            points.sort((a, b) -> Long.compare((Long) a.get("x"), (Long) b.get("x")));
            series.add(Map.of("label", label, "points", points));
        });
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("series", series);
        chart.put("goal", reachability ? goalLimit(report) : null);
        return chart;
    }

    /** The goal's limit when it is a reachability rule, for the dashed line; null otherwise. */
    private static Double goalLimit(TuneReport report) {
        var thresholds = report.tune().cells().get(0).scenario().thresholds();
        if (thresholds.isEmpty() || !thresholds.get(0).metric().startsWith("reachability")) {
            return null;
        }
        return thresholds.get(0).limit();
    }

    private static Map<String, Object> recommendationRow(Recommendation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", r.profile());
        m.put("group", r.group());
        m.put("meets", r.meetsGoal());
        m.put("noCellOnTime", r.noCellOnTime());
        m.put("leftOut", r.leftOutLabels());
        m.put("recommended", r.meetsGoal() ? r.chosen().cell().candidate().label() : "");
        m.put("reachability", r.meetsGoal() ? TuneRunner.ratio(r.chosen().reachability()) : "");
        m.put("messages", r.meetsGoal() ? fmt("%.0f", r.chosen().totalMessagesPerDay()) : "");
        m.put("saved", !r.meetsGoal() ? "" : r.shortest() == r.chosen() ? "(the shortest candidate)"
                : fmt("%.0f %%, ", 100 * r.messagesSaved()) + fmt("%.0f %%, ", 100 * r.bytesSaved())
                        + fmt("%.0f %% vs ", 100 * r.radioSaved()) + r.shortest().cell().candidate().label());
        m.put("warning", r.warning() == null ? "" : r.warning());
        m.put("closest", r.meetsGoal() || r.noCellOnTime() ? "" : r.best().cell().candidate().label() + " at "
                + TuneRunner.ratio(r.best().goalObserved()));
        return m;
    }

    private static Map<String, Object> cellRow(TuneReport report, CellResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", c.cell().profile());
        m.put("group", c.cell().group());
        m.put("candidate", c.cell().candidate().label());
        m.put("reachability", TuneRunner.ratio(c.reachability()));
        m.put("probed", TuneRunner.ratio(c.probedReachability()));
        m.put("goal", c.goalMet() ? "met" : "not met");
        m.put("messages", fmt("%.0f", c.totalMessagesPerDay()));
        m.put("bytes", fmt("%.0f", c.totalBytesPerDay()));
        m.put("reconnects", fmt("%.1f", c.reconnectsPerDay()));
        m.put("reconnectP99", c.reconnectP99Seconds() == null ? "-" : fmt("%.1f", c.reconnectP99Seconds()));
        m.put("radio", fmt("%.0f", c.radioSecondsPerDay()));
        m.put("dir", c.resultsDir());
        m.put("timeScale", TuneRunner.timeScale(c.timeScale()));
        m.put("rerun", c.rerun() ? "after falling behind at " + TuneRunner.timeScales(c.behindAt()) : "");
        m.put("leftOut", c.behind() ? c.leftOutReason() : "");
        m.put("recommended", TuneCsv.recommended(report, c));
        return m;
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
