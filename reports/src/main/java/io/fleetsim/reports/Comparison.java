package io.fleetsim.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a run against a baseline run ({@code fleetsim compare BASELINE_DIR CURRENT_DIR}):
 * registration and update latency percentiles, the registration success ratio, registration
 * failures and retransmissions, each checked against its {@link RegressionLimit} if one is given.
 * Without limits nothing is gated.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * Reads both results directories and compares them.
     *
     * @throws ResultsFormatException   when a directory cannot be read or has no summary.json
     * @throws IllegalArgumentException when two limits name the same metric
     */
    public static ComparisonResult compare(Path baselineDir, Path currentDir, List<RegressionLimit> limits) {
        return compare(ResultsDirectory.read(baselineDir), ResultsDirectory.read(currentDir), limits);
    }

    /**
     * Compares two runs already read.
     *
     * @throws ResultsFormatException   when a run has no summary.json
     * @throws IllegalArgumentException when two limits name the same metric
     */
    public static ComparisonResult compare(ResultsDirectory baseline, ResultsDirectory current,
                                           List<RegressionLimit> limits) {
        RunSummary baselineSummary = requireSummary(baseline, "baseline");
        RunSummary currentSummary = requireSummary(current, "current run");
        Map<ComparedMetric, RegressionLimit> limitByMetric = byMetric(limits);
        RunFigures before = RunFigures.of(baseline, baselineSummary);
        RunFigures after = RunFigures.of(current, currentSummary);
        List<MetricComparison> metrics = new ArrayList<>();
        for (ComparedMetric metric : ComparedMetric.values()) {
            metrics.add(new MetricComparison(metric, before.value(metric), after.value(metric),
                    Optional.ofNullable(limitByMetric.get(metric))));
        }
        List<String> notes = new ArrayList<>();
        addRunNotes(notes, baseline, baselineSummary, current, currentSummary);
        addUncheckedLimits(notes, metrics);
        addLatencySources(notes, "baseline", before);
        addLatencySources(notes, "current run", after);
        return new ComparisonResult(baseline, current, metrics, notes);
    }

    private static RunSummary requireSummary(ResultsDirectory run, String role) {
        return run.summary().orElseThrow(() -> new ResultsFormatException(run.path() + ": the " + role
                + " has no " + ResultsDirectory.SUMMARY_FILE + " (the run was probably killed);"
                + " compare needs the summary of both runs"));
    }

    private static Map<ComparedMetric, RegressionLimit> byMetric(List<RegressionLimit> limits) {
        Map<ComparedMetric, RegressionLimit> byMetric = new EnumMap<>(ComparedMetric.class);
        for (RegressionLimit limit : limits) {
            RegressionLimit earlier = byMetric.put(limit.metric(), limit);
            if (earlier != null) {
                throw new IllegalArgumentException(RegressionLimit.OPTION + " " + limit.text() + ": "
                        + limit.metric().key() + " is already limited by " + earlier.text());
            }
        }
        return byMetric;
    }

    private static void addRunNotes(List<String> notes, ResultsDirectory baseline, RunSummary baselineSummary,
                                    ResultsDirectory current, RunSummary currentSummary) {
        if (!baseline.complete()) {
            notes.add("The baseline did not complete (complete: false); its figures cover only part of a run.");
        }
        if (!current.complete()) {
            notes.add("The current run did not complete (complete: false); its figures cover only part of a run.");
        }
        String baselineName = ScenarioName.of(baselineSummary);
        String currentName = ScenarioName.of(currentSummary);
        if (!Objects.equals(baselineName, currentName)) {
            notes.add("The runs come from different scenarios: " + baselineName + " and " + currentName + ".");
        }
    }

    private static void addUncheckedLimits(List<String> notes, List<MetricComparison> metrics) {
        for (MetricComparison m : metrics) {
            if (m.limit().isPresent() && (m.baseline().isEmpty() || m.current().isEmpty())) {
                String missingIn = m.baseline().isEmpty() ? "the baseline" : "the current run";
                notes.add(RegressionLimit.OPTION + " " + m.limit().get().text() + " was not checked: "
                        + missingIn + " has no " + m.metric().label().toLowerCase(Locale.ROOT) + ".");
            }
        }
    }

    private static void addLatencySources(List<String> notes, String role, RunFigures figures) {
        figures.latencySources().forEach((tag, file) -> {
            if (file.equals(ResultsDirectory.SUMMARY_FILE)) {
                notes.add("The " + role + " has no " + tag + " histograms in " + ResultsDirectory.HISTOGRAMS_FILE
                        + "; its " + tag + " latencies come from " + ResultsDirectory.SUMMARY_FILE + ".");
            }
        });
    }
}
