package io.fleetsim.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The variables the report template sees, built from a {@link ResultsDirectory}. */
final class ReportContext {

    static final String SUMMARY_NOT_WRITTEN = "summary.json was not written: the run was probably killed."
            + " The figures below come from histograms.hlog and timeline.csv only.";
    static final String RUN_INCOMPLETE = "This run did not complete (complete: false in summary.json):"
            + " it was still going on or was killed, so its figures cover only part of the run.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportContext() {
    }

    static Map<String, Object> of(ResultsDirectory results) {
        Map<String, Object> chartData = ChartData.of(results);
        Map<String, Object> context = new HashMap<>();
        context.put("scenarioName", scenarioName(results));
        context.put("verdict", verdict(results));
        context.put("notes", notes(results));
        context.put("headlineRows", results.summary().map(HeadlineRows::of).orElse(List.of()));
        context.put("summaryRows", results.summary().map(SummaryTable::rows).orElse(List.of()));
        context.put("latencyRows", LatencyRow.of(results.histograms()));
        context.put("groups", results.summary().map(RunSummary::groups).orElse(List.of()));
        context.put("thresholds", results.summary().map(s -> ThresholdRow.of(s.thresholds())).orElse(List.of()));
        context.put("hasSummary", results.summary().isPresent());
        context.put("chartGroups", ChartPanels.of(results, chartData));
        context.put("dataJson", scriptSafeJson(Map.of("charts", chartData)));
        context.put("chartJs", ChartJsLibrary.inlineScript());
        context.put("scenarioYaml", results.scenarioYaml().map(SecretMasking::mask).orElse(null));
        context.putAll(CapacityTables.of(results));
        return context;
    }

    /** The scenario name from the summary, or the directory name when the summary is missing. */
    static String scenarioName(ResultsDirectory results) {
        return results.summary()
                .map(RunSummary::scenario)
                .map(RunSummary.ScenarioRef::name)
                .orElseGet(() -> String.valueOf(results.path().toAbsolutePath().normalize().getFileName()));
    }

    /** PASS or FAIL for a complete run, INCOMPLETE otherwise. */
    static String verdict(ResultsDirectory results) {
        if (!results.complete()) {
            return "INCOMPLETE";
        }
        String verdict = results.summary().map(RunSummary::verdict).orElse(null);
        return verdict == null ? "INCOMPLETE" : verdict.toUpperCase(Locale.ROOT);
    }

    private static List<String> notes(ResultsDirectory results) {
        List<String> notes = new ArrayList<>();
        results.summary().filter(RunSummary::wasAborted).ifPresent(s -> notes.add(aborted(s)));
        results.summary().filter(RunSummary::fellBehind).ifPresent(s -> notes.add(behind(s)));
        results.summary().map(RunSummary::issuerMismatches).filter(n -> n > 0)
                .ifPresent(n -> notes.add(issuerMismatch(n)));
        if (results.summary().isEmpty()) {
            notes.add(SUMMARY_NOT_WRITTEN);
        } else if (!results.complete()) {
            notes.add(RUN_INCOMPLETE);
        }
        return notes;
    }

    /** The plain statement that the simulator could not keep up with its own clock. */
    static String behind(RunSummary summary) {
        return "The simulator fell behind its clock: 99 % of its timers fired within "
                + summary.clock().simulatedLagP99Ms() + " ms of simulated time (clock.behind in summary.json)."
                + " Timings near a timeout (pings, updates, NAT mappings) are distorted;"
                + " run again with a lower timeScale or fewer devices.";
    }

    /** The plain statement that something between the devices and the server shows its own certificate. */
    static String issuerMismatch(long count) {
        return count + (count == 1 ? " handshake" : " handshakes") + " met a server certificate from another issuer"
                + " than the scenario's expectIssuer (issuer-mismatch in summary.json): something between the"
                + " devices and the server, most likely a TLS-inspecting firewall or proxy, answers with a"
                + " certificate of its own. Devices that pin their server's CA cannot connect through it.";
    }

    /** The plain statement that a run was stopped early, and by what. */
    static String aborted(RunSummary summary) {
        String reason = summary.abortReason() == null ? "an unknown cause" : summary.abortReason();
        return "This run was aborted by " + reason + " (aborted: true in summary.json):"
                + " it was stopped early, so its figures cover only the part that ran.";
    }

    /**
     * JSON for a {@code <script type="application/json">} element. Every {@code <} is written as
     * {@code \u003c} (it can only occur inside JSON strings), so the text can never close the element.
     */
    static String scriptSafeJson(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write chart data as JSON", e);
        }
    }
}
