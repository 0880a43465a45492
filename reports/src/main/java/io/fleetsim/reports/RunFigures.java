package io.fleetsim.reports;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetsim.resultsformat.HistogramTag;

/**
 * The {@link ComparedMetric} values of one run. Latencies come from the whole-run histograms of
 * {@code histograms.hlog} when it holds values for the metric's tag (full precision at every
 * percentile), else from {@code summary.json}.
 */
final class RunFigures {

    private final Map<ComparedMetric, Double> values;
    private final Map<String, String> latencySources;

    private RunFigures(Map<ComparedMetric, Double> values, Map<String, String> latencySources) {
        this.values = values;
        this.latencySources = latencySources;
    }

    /** The figures of a run whose summary was written. */
    static RunFigures of(ResultsDirectory results, RunSummary summary) {
        Map<ComparedMetric, Double> values = new EnumMap<>(ComparedMetric.class);
        Map<String, String> sources = new LinkedHashMap<>();
        JsonNode tree = SummaryFile.tree(results.path().resolve(ResultsDirectory.SUMMARY_FILE));
        for (ComparedMetric metric : ComparedMetric.values()) {
            Double value = switch (metric.kind()) {
                case LATENCY -> latency(results, summary, tree, metric, sources);
                case RATIO -> metric.summaryPointer() != null ? number(tree, metric.summaryPointer())
                        : operation(summary.registration()).successRatio();
                case COUNT -> count(summary, metric);
                case LOSS -> lostShare(tree);
            };
            if (value != null) {
                values.put(metric, value);
            }
        }
        return new RunFigures(values, sources);
    }

    Optional<Double> value(ComparedMetric metric) {
        return Optional.ofNullable(values.get(metric));
    }

    /** For each hlog tag with a value, the file it was read from: histograms.hlog or summary.json. */
    Map<String, String> latencySources() {
        return latencySources;
    }

    private static Double latency(ResultsDirectory results, RunSummary summary, JsonNode tree, ComparedMetric metric,
                                  Map<String, String> sources) {
        Optional<MetricHistory> recorded = results.histograms().metric(metric.tag()).filter(m -> m.count() > 0);
        if (recorded.isPresent()) {
            sources.put(metric.tag().wireName(), ResultsDirectory.HISTOGRAMS_FILE);
            return recorded.get().percentileMs(metric.percentile());
        }
        Double value;
        if (metric.summaryPointer() != null) {
            value = number(tree, metric.summaryPointer());
        } else {
            RunSummary.Operation operation = metric.tag() == HistogramTag.UPDATE
                    ? summary.update() : summary.registration();
            value = metric.fromSummary(operation(operation).latencyMs());
        }
        if (value != null) {
            sources.put(metric.tag().wireName(), ResultsDirectory.SUMMARY_FILE);
        }
        return value;
    }

    /** The number at a JSON pointer of summary.json; null when absent or not a number. */
    private static Double number(JsonNode tree, String pointer) {
        JsonNode node = tree.at(pointer);
        return node.isNumber() ? node.doubleValue() : null;
    }

    /** notifications.lost / notifications.sent.CON; null without a notifications block or CON notifications. */
    private static Double lostShare(JsonNode tree) {
        Double lost = number(tree, "/notifications/lost");
        Double sentCon = number(tree, "/notifications/sent/CON");
        return lost == null || sentCon == null || sentCon == 0.0 ? null : lost / sentCon;
    }

    private static Double count(RunSummary summary, ComparedMetric metric) {
        if (metric == ComparedMetric.RETRANSMISSIONS) {
            return summary.retransmissions() == null ? null : summary.retransmissions().doubleValue();
        }
        RunSummary.Operation registration = summary.registration();
        return registration == null ? null
                : (double) registration.failures().values().stream().mapToLong(Long::longValue).sum();
    }

    private static RunSummary.Operation operation(RunSummary.Operation operation) {
        return operation == null ? new RunSummary.Operation(null, null, null, null, null) : operation;
    }
}
