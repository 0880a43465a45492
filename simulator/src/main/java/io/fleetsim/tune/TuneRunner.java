package io.fleetsim.tune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.fleetsim.engine.FleetEngine;
import io.fleetsim.engine.RunOptions;
import io.fleetsim.engine.RunOutcome;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.ScenarioOverrides;

/**
 * Runs the cells of a sweep one after another against one set of servers, each into its own results
 * directory under {@code <tuneDir>/cells/<profile>/<group>/<candidate>/}, with one progress line
 * per cell. A cell in which the simulator fell behind its clock runs again at a lower
 * timeScale (see {@link #runCell}). Blocks: call it from a plain thread, never an event loop.
 */
public final class TuneRunner {

    static final double WARM_UP_WALL_SECONDS = 3;
    /** A cell that fell behind its clock runs again at most this many times, each at half the timeScale. */
    static final int MAX_RERUNS = 2;
    /** A rerun never goes below this timeScale (real time). */
    static final double LOWEST_RERUN_TIME_SCALE = 1;

    private final Path tuneDir;
    private final Consumer<String> progress;
    private final CellRunner cellRunner;

    /**
     * @param target     the servers every cell talks to (one endpoint per transport the cells use,
     *                   see {@link TuneFile#cellGroups()}); the runner never stops them
     * @param tuneDir    the tune results directory
     * @param progress   receives one line per finished cell
     * @param cellReport renders a finished cell's results directory (the run's report.html), or does nothing
     */
    public TuneRunner(RunTarget target, Path tuneDir, Consumer<String> progress, Consumer<Path> cellReport) {
        this(tuneDir, progress, new FleetCells(target.withCloser(() -> { }), tuneDir, cellReport));
    }

    TuneRunner(Path tuneDir, Consumer<String> progress, CellRunner cellRunner) {
        this.tuneDir = tuneDir;
        this.progress = progress;
        this.cellRunner = cellRunner;
    }

    /** Runs one cell's scenario into a results directory and measures it. */
    interface CellRunner {

        /** Runs before the first cell, uncounted. */
        void warmUp(TuneCell first) throws IOException;

        /** Runs {@code cell} (its scenario as given) into {@code dir}. */
        CellResult run(TuneCell cell, Path dir) throws IOException;
    }

    /** Runs every cell and returns the results with the recommendations. */
    public TuneReport run(TuneFile tune) throws IOException {
        long start = System.nanoTime();
        List<CellResult> results = new ArrayList<>();
        int n = tune.cells().size();
        cellRunner.warmUp(tune.cells().get(0));
        for (TuneCell cell : tune.cells()) {
            results.add(runCell(cell, results.size() + 1, n));
        }
        return new TuneReport(tune, tuneDir, results, Recommender.recommend(tune, results),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Runs a cell; while the simulator falls behind its clock in it, runs it again at half the
     * timeScale (at most {@link #MAX_RERUNS} times, never below {@link #LOWEST_RERUN_TIME_SCALE}),
     * each run into a directory of its own. The result is the last run's, with the timeScales of
     * the runs before it; when that run fell behind too, the recommendation leaves the cell out.
     */
    private CellResult runCell(TuneCell cell, int done, int total) throws IOException {
        List<Double> behindAt = new ArrayList<>();
        TuneCell attempt = cell;
        while (true) {
            Path dir = cellDir(cell, behindAt.isEmpty() ? null : attempt.scenario().timeScale());
            CellResult result = cellRunner.run(attempt, dir).afterBehindAt(behindAt);
            TuneJson.writeCell(result, dir.resolve("cell.json"));
            double scale = attempt.scenario().timeScale();
            double lower = Math.max(LOWEST_RERUN_TIME_SCALE, scale / 2);
            if (!result.behind() || behindAt.size() == MAX_RERUNS || lower >= scale) {
                progress.accept(progressLine(done, total, result));
                return result;
            }
            behindAt.add(scale);
            attempt = new TuneCell(cell.profile(), cell.group(), cell.candidate(),
                    ScenarioOverrides.withTimeScale(attempt.scenario(), lower));
        }
    }

    /**
     * {@code cells/<profile>/<group>/<candidate>/}, or for a rerun
     * {@code cells/<profile>/<group>/<candidate>-timescale-<x>/}.
     */
    private Path cellDir(TuneCell cell, Double rerunTimeScale) {
        return tuneDir.resolve("cells").resolve(cell.profile()).resolve(cell.group())
                .resolve(cell.candidate().label() + (rerunTimeScale == null ? "" : "-timescale-" + timeScale(rerunTimeScale)));
    }

    /** The cells run by the fleet engine against the sweep's servers. */
    private static final class FleetCells implements CellRunner {

        private final RunTarget target;
        private final Path tuneDir;
        private final Consumer<Path> cellReport;

        FleetCells(RunTarget target, Path tuneDir, Consumer<Path> cellReport) {
            this.target = target;
            this.tuneDir = tuneDir;
            this.cellReport = cellReport;
        }

        @Override
        public CellResult run(TuneCell cell, Path dir) throws IOException {
            RunOutcome outcome = FleetEngine.run(cell.scenario(), target, RunOptions.defaults(dir).withReport(cellReport));
            return CellMeasures.of(cell, outcome, tuneDir);
        }

        /**
         * A few wall seconds of the first cell, not counted, so the first measured cell does not pay
         * for class loading and JIT: a ping delayed past the NAT timeout by a warm-up pause loses a
         * random-port device for good, which would show as a false drop in that cell's reachability.
         */
        @Override
        public void warmUp(TuneCell first) throws IOException {
            long seconds = Math.max(1, Math.min(first.scenario().duration().toSeconds(),
                    Math.round(first.scenario().timeScale() * WARM_UP_WALL_SECONDS)));
            FleetEngine.run(ScenarioOverrides.withDurationSeconds(first.scenario(), seconds), target,
                    RunOptions.defaults(tuneDir.resolve("warm-up")));
        }
    }

    /** The line a finished cell prints: its figures, and whether it was re-run or is left out. */
    static String progressLine(int done, int total, CellResult r) {
        return String.format(Locale.ROOT, "[%d/%d] %s: reachability %s%s, %.0f msgs/device-day, radio %.0f s/device-day,"
                        + " goal %s (%.1f s)", done, total, r.cell().path(), ratio(r.reachability()),
                r.probedReachability() == null ? "" : " (probed " + ratio(r.probedReachability()) + ")",
                r.totalMessagesPerDay(), r.radioSecondsPerDay(), r.goalMet() ? "met" : "not met", r.wallSeconds())
                + (r.behind() ? "; left out of the recommendation: " + r.leftOutReason()
                        : r.rerun() ? "; re-run at timeScale " + timeScale(r.timeScale()) + " after the simulator fell "
                                + "behind its clock at " + timeScales(r.behindAt()) : "");
    }

    static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A timeScale as written in a scenario: {@code 400}, {@code 12.5}. */
    static String timeScale(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    /** e.g. {@code timeScale 400, 200}. */
    static String timeScales(List<Double> values) {
        return "timeScale " + String.join(", ", values.stream().map(TuneRunner::timeScale).toList());
    }
}
