package io.fleetsim.reports;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.fleetsim.resultsformat.HistogramTag;

/**
 * The contents of {@code histograms.hlog}: one {@link MetricHistory} per tag ({@link HistogramTag}).
 * A missing file is an empty log; a damaged tail (a killed run) ends the log where the damage starts.
 */
public final class HistogramLog {

    private static final Logger LOG = LoggerFactory.getLogger(HistogramLog.class);
    /** Log start times above this are epoch seconds rather than seconds since the run started. */
    private static final double EPOCH_SECONDS_THRESHOLD = 1.0e9;

    private final Map<String, MetricHistory> metrics;

    private HistogramLog(Map<String, MetricHistory> metrics) {
        this.metrics = Collections.unmodifiableMap(metrics);
    }

    /** A log without any interval. */
    public static HistogramLog empty() {
        return new HistogramLog(new LinkedHashMap<>());
    }

    /** Reads a histogram log; a missing file gives an empty log. */
    public static HistogramLog read(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Map<String, MetricHistory> metrics = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
             HistogramLogReader reader = new HistogramLogReader(in)) {
            readIntervals(file, reader, metrics);
        } catch (IOException e) {
            throw new ResultsFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return new HistogramLog(metrics);
    }

    private static void readIntervals(Path file, HistogramLogReader reader, Map<String, MetricHistory> metrics) {
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                double start = runSeconds(next.getStartTimeStamp(), reader);
                double end = runSeconds(next.getEndTimeStamp(), reader);
                add(next, start, Math.max(start, end), metrics);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: stopped reading at a damaged interval ({}); keeping the intervals before it", file,
                    e.toString());
        }
    }

    private static void add(EncodableHistogram interval, double startSeconds, double endSeconds,
                            Map<String, MetricHistory> metrics) {
        if (!(interval instanceof Histogram)) {
            LOG.warn("Skipping a non-integer histogram interval with tag {}", interval.getTag());
            return;
        }
        String tag = interval.getTag() == null ? "untagged" : interval.getTag();
        metrics.computeIfAbsent(tag, MetricHistory::new).addInterval(startSeconds, endSeconds, (Histogram) interval);
    }

    /**
     * Seconds since the run started. The format writes base time 0, so timestamps are already
     * relative; a log that only names an epoch start time is made relative to it.
     */
    private static double runSeconds(long timestampMs, HistogramLogReader reader) {
        double seconds = timestampMs / 1000.0;
        double logStart = reader.getStartTimeSec();
        boolean epochBased = logStart > EPOCH_SECONDS_THRESHOLD && seconds >= logStart;
        return epochBased ? seconds - logStart : seconds;
    }

    /** The history of one tag, if the log holds any interval of it. */
    public Optional<MetricHistory> metric(HistogramTag tag) {
        return metric(tag.wireName());
    }

    /** The history of a tag as written (fleetsim's, {@link HistogramTag}, or another's), if the log holds any interval of it. */
    public Optional<MetricHistory> metric(String tag) {
        return Optional.ofNullable(metrics.get(tag));
    }

    /** All tags in the order they first appear. */
    public Map<String, MetricHistory> metrics() {
        return metrics;
    }

    /** True when the log holds no interval. */
    public boolean isEmpty() {
        return metrics.isEmpty();
    }
}
