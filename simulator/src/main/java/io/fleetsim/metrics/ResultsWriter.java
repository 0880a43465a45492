package io.fleetsim.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.fleetsim.base.SimClock;


/**
 * Writes a run's results directory while the run goes on, on one thread of its own (never an
 * event loop): every period it takes the interval histograms of every shard, appends them to
 * {@code histograms.hlog}, appends a line to {@code timeline.csv} and rewrites
 * {@code summary.json}, so a killed run still leaves what it measured.
 */
public final class ResultsWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsWriter.class);
    static final String TIMELINE_HEADER = "t,wall,started,registered,registrations,registrationFailures,"
            + "updates,updateFailures,deregistrations,retransmissions,sent,received,threads,rssMb,"
            + "mappingsAlive,reachableNow,reachability,natExpiries,natRebindings,pings,bytesSent,bytesReceived,"
            + "reconnects,notifications,notificationsLost";

    private final Path dir;
    private final RunInfo info;
    private final List<ShardMetrics> shards;
    private final SimClock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<LatencyMetric, Histogram> wholeRun = new EnumMap<>(LatencyMetric.class);
    private final Histogram timerLateness = new Histogram(3);
    private final CpuUsage cpu = CpuUsage.startNow();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fleetsim-results");
        thread.setDaemon(true);
        return thread;
    });
    private final PrintStream hlogStream;
    private final HistogramLogWriter hlog;
    private final BufferedWriter timeline;
    private RunTotals previous;
    private long previousSimMillis;
    private boolean finished;
    private List<GroupFigures> groups = List.of();
    private java.util.function.Supplier<Map<String, Object>> extraSections = Map::of;

    public ResultsWriter(Path dir, RunInfo info, List<ShardMetrics> shards, SimClock clock) throws IOException {
        this.dir = dir;
        this.info = info;
        this.shards = shards;
        this.clock = clock;
        for (LatencyMetric metric : LatencyMetric.values()) {
            wholeRun.put(metric, new Histogram(3));
        }
        Files.createDirectories(dir);
        hlogStream = new PrintStream(Files.newOutputStream(dir.resolve("histograms.hlog")), false, StandardCharsets.UTF_8);
        hlog = new HistogramLogWriter(hlogStream);
        hlog.outputComment("fleetsim " + info.scenarioName() + ": values in microseconds of simulated time");
        hlog.outputLogFormatVersion();
        hlog.outputStartTime(info.startedAt().toEpochMilli());
        hlog.setBaseTime(0);
        hlog.outputBaseTime(0);
        hlog.outputLegend();
        timeline = Files.newBufferedWriter(dir.resolve("timeline.csv"), StandardCharsets.UTF_8);
        timeline.write(TIMELINE_HEADER);
        timeline.newLine();
        previous = RunTotals.collect(List.of());
    }

    /** Starts writing every {@code periodMillis} of wall time. */
    public void start(long periodMillis, LongSupplier registeredAtEnd) {
        executor.scheduleAtFixedRate(() -> writeSafely(registeredAtEnd), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void writeSafely(LongSupplier registered) {
        try {
            write(registered.getAsLong(), List.of(), false, null);
        } catch (RuntimeException | IOException e) {
            LOG.warn("could not write results to {}: {}", dir, e.toString());
        }
    }

    /**
     * Writes the last interval and the final summary, stops the writer thread and returns the
     * final snapshot. Thresholds are judged by the caller on {@link #wholeRunHistograms()}.
     */
    public SummaryJson.Snapshot finish(long registeredAtEnd,
            java.util.function.Function<ThresholdJudge, List<ThresholdResult>> judge) throws IOException {
        return finish(registeredAtEnd, judge, null);
    }

    /**
     * Sections {@code summary.json} gets beside its own, asked for at every write (a clustered
     * run's per-agent breakdown); documented in docs/results-format.md.
     */
    public synchronized void extraSections(java.util.function.Supplier<Map<String, Object>> sections) {
        this.extraSections = sections;
    }

    /** As {@link #finish(long, java.util.function.Function)}, for a run aborted for {@code abortReason} (null if not). */
    /** The per-group breakdown for the final summary (counted by the engine when the run ends). */
    public synchronized void groups(List<GroupFigures> figures) {
        this.groups = List.copyOf(figures);
    }

    public synchronized SummaryJson.Snapshot finish(long registeredAtEnd,
            java.util.function.Function<ThresholdJudge, List<ThresholdResult>> judge, String abortReason)
            throws IOException {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        takeIntervals();
        RunTotals totals = RunTotals.collect(shards, clock.nowMillis());
        Map<String, Map<LatencyMetric, Histogram>> byGroup = new java.util.HashMap<>();
        for (ShardMetrics shard : shards) {
            shard.takeGroupHistograms(byGroup);
        }
        List<ThresholdResult> thresholds = judge.apply(new ThresholdJudge(totals, wholeRun, registeredAtEnd,
                groups, byGroup));
        SummaryJson.Snapshot snapshot = write(registeredAtEnd, thresholds, true, abortReason);
        finished = true;
        close();
        return snapshot;
    }

    /**
     * A percentile of one metric over the intervals taken so far, in milliseconds; null before
     * anything was recorded. Safe from any thread (waits while an interval is being written).
     */
    public synchronized Double wholeRunPercentileMs(LatencyMetric metric, double percentile) {
        return LatencySummary.percentile(wholeRun.get(metric), percentile);
    }

    public Map<LatencyMetric, Histogram> wholeRunHistograms() {
        return wholeRun;
    }

    private synchronized SummaryJson.Snapshot write(long registeredAtEnd, List<ThresholdResult> thresholds,
            boolean complete, String abortReason) throws IOException {
        if (finished) {
            return null;
        }
        if (!complete) {
            takeIntervals();
        }
        RunTotals totals = RunTotals.collect(shards, clock.nowMillis());
        ProcessStats process = ProcessStats.sample();
        appendTimeline(totals, process);
        SummaryJson.Snapshot snapshot = new SummaryJson.Snapshot(info, totals, wholeRun,
                clock.nowMillis() / 1000.0, clock.wallSeconds(), registeredAtEnd, thresholds, complete, process, abortReason, groups,
                ClockHealth.of(timerLateness, clock.timeScale()), cpu.toJson());
        writeSummary(snapshot);
        return snapshot;
    }

    private void takeIntervals() {
        timerLateness.add(clock.takeLateness());
        long now = clock.nowMillis();
        for (LatencyMetric metric : LatencyMetric.values()) {
            Histogram interval = new Histogram(3);
            for (ShardMetrics shard : shards) {
                interval.add(shard.takeInterval(metric));
            }
            if (interval.getTotalCount() > 0) {
                interval.setTag(metric.tag());
                interval.setStartTimeStamp(previousSimMillis);
                interval.setEndTimeStamp(now);
                hlog.outputIntervalHistogram(previousSimMillis / 1000.0, now / 1000.0, interval, 1000.0);
                wholeRun.get(metric).add(interval);
            }
        }
        hlogStream.flush();
        previousSimMillis = now;
    }

    private void appendTimeline(RunTotals totals, ProcessStats process) throws IOException {
        String line = String.format(java.util.Locale.ROOT, "%.3f,%.3f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.1f",
                clock.nowMillis() / 1000.0, clock.wallSeconds(),
                totals.get(Counter.DEVICES_STARTED), totals.registeredNow(),
                delta(totals, Counter.REGISTRATIONS), delta(totals, Counter.REGISTRATION_FAILURES),
                delta(totals, Counter.UPDATES), delta(totals, Counter.UPDATE_FAILURES),
                delta(totals, Counter.DEREGISTRATIONS), delta(totals, Counter.RETRANSMISSIONS),
                sent(totals) - sent(previous), received(totals) - received(previous),
                process.threads(), process.rssBytes() / (1024.0 * 1024.0))
                + NatTimelineColumns.values(totals, previous)
                + "," + delta(totals, Counter.RECONNECTS)
                + notificationColumns(totals);
        timeline.write(line);
        timeline.newLine();
        timeline.flush();
        previous = totals;
    }

    /** Observe notifications sent (CON and NON, retransmissions not counted) and CON ones lost in the period. */
    private String notificationColumns(RunTotals totals) {
        return "," + (delta(totals, Counter.NOTIFICATIONS_CON) + delta(totals, Counter.NOTIFICATIONS_NON))
                + "," + delta(totals, Counter.NOTIFICATIONS_LOST);
    }

    private long delta(RunTotals totals, Counter counter) {
        return totals.get(counter) - previous.get(counter);
    }

    private static long sent(RunTotals t) {
        return t.get(Counter.SENT_CON) + t.get(Counter.SENT_NON) + t.get(Counter.SENT_ACK) + t.get(Counter.SENT_RST);
    }

    private static long received(RunTotals t) {
        return t.get(Counter.RECEIVED_CON) + t.get(Counter.RECEIVED_NON)
                + t.get(Counter.RECEIVED_ACK) + t.get(Counter.RECEIVED_RST);
    }

    private void writeSummary(SummaryJson.Snapshot snapshot) throws IOException {
        Path tmp = dir.resolve("summary.json.tmp");
        try {
            Map<String, Object> root = SummaryJson.build(snapshot);
            root.putAll(extraSections.get());
            json.writeValue(tmp.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Files.move(tmp, dir.resolve("summary.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() throws IOException {
        executor.shutdownNow();
        hlogStream.close();
        timeline.close();
    }
}
