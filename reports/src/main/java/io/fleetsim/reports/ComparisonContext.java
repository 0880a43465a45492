package io.fleetsim.reports;

import java.util.HashMap;
import java.util.Map;

/** The variables the comparison template sees, built from a {@link ComparisonResult}. */
final class ComparisonContext {

    static final String REGRESSION = "REGRESSION";
    static final String PASS = "PASS";
    static final String REPORT_ONLY = "REPORT ONLY";

    private ComparisonContext() {
    }

    static Map<String, Object> of(ComparisonResult result) {
        Map<String, Object> chartData = ComparisonChart.of(result);
        Map<String, Object> context = new HashMap<>();
        context.put("baseline", RunHeading.of(result.baseline()));
        context.put("current", RunHeading.of(result.current()));
        context.put("verdict", verdict(result));
        context.put("rows", ComparisonRow.of(result.metrics()));
        context.put("regressions", result.regressions().stream().map(MetricComparison::describe).toList());
        context.put("gated", result.gated());
        context.put("notes", result.notes());
        context.put("chart", new ChartPanel(ComparisonChart.ID, "Registration latency percentile distribution",
                "Whole run of each; corrected latency, measured from the intended start.",
                chartData.containsKey(ComparisonChart.ID), "No data: neither run has registration latencies."));
        context.put("dataJson", ReportContext.scriptSafeJson(Map.of("charts", chartData)));
        context.put("chartJs", ChartJsLibrary.inlineScript());
        return context;
    }

    /** REGRESSION when a limit broke, PASS when limits were given and held, REPORT ONLY without limits. */
    static String verdict(ComparisonResult result) {
        if (!result.regressions().isEmpty()) {
            return REGRESSION;
        }
        return result.gated() ? PASS : REPORT_ONLY;
    }

    /**
     * What the page says about each run.
     *
     * @param scenario  the scenario name
     * @param directory the results directory as given
     * @param startedAt when the run started, or an em dash
     * @param complete  whether the run completed
     */
    public record RunHeading(String scenario, String directory, String startedAt, boolean complete) {

        static RunHeading of(ResultsDirectory run) {
            RunSummary summary = run.summary().orElseThrow();
            return new RunHeading(ScenarioName.of(summary), run.path().toString(),
                    summary.startedAt() == null ? Figures.ABSENT : summary.startedAt(), run.complete());
        }
    }

}
