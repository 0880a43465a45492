package io.fleetsim.reports;

/** The scenario name a summary records, for headings, suite names and notes. */
final class ScenarioName {

    static final String UNNAMED = "unnamed";

    private ScenarioName() {
    }

    /** The {@code scenario.name} of a summary, or {@value #UNNAMED}. */
    static String of(RunSummary summary) {
        return summary.scenario() == null || summary.scenario().name() == null ? UNNAMED : summary.scenario().name();
    }
}
