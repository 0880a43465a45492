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
 * per cell. Blocks: call it from a plain thread, never an event loop.
 */
public final class TuneRunner {

    static final double WARM_UP_WALL_SECONDS = 3;

    private final RunTarget target;
    private final Path tuneDir;
    private final Consumer<String> progress;
    private final Consumer<Path> cellReport;

    /**
     * @param target     the servers every cell talks to (one endpoint per transport the cells use,
     *                   see {@link TuneFile#cellGroups()}); the runner never stops them
     * @param tuneDir    the tune results directory
     * @param progress   receives one line per finished cell
     * @param cellReport renders a finished cell's results directory (the run's report.html), or does nothing
     */
    public TuneRunner(RunTarget target, Path tuneDir, Consumer<String> progress, Consumer<Path> cellReport) {
        this.target = target.withCloser(() -> { });
        this.tuneDir = tuneDir;
        this.progress = progress;
        this.cellReport = cellReport;
    }

    /** Runs every cell and returns the results with the recommendations. */
    public TuneReport run(TuneFile tune) throws IOException {
        long start = System.nanoTime();
        List<CellResult> results = new ArrayList<>();
        int n = tune.cells().size();
        warmUp(tune.cells().get(0));
        for (TuneCell cell : tune.cells()) {
            Path dir = tuneDir.resolve("cells").resolve(cell.profile()).resolve(cell.group())
                    .resolve(cell.candidate().label());
            RunOutcome outcome = FleetEngine.run(cell.scenario(), target,
                    RunOptions.defaults(dir).withReport(cellReport));
            CellResult result = CellMeasures.of(cell, outcome, tuneDir);
            TuneJson.writeCell(result, dir.resolve("cell.json"));
            results.add(result);
            progress.accept(progressLine(results.size(), n, result));
        }
        return new TuneReport(tune, tuneDir, results, Recommender.recommend(tune, results),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * A few wall seconds of the first cell, not counted, so the first measured cell does not pay
     * for class loading and JIT: a ping delayed past the NAT timeout by a warm-up pause loses a
     * random-port device for good, which would show as a false drop in that cell's reachability.
     */
    private void warmUp(TuneCell first) throws IOException {
        long seconds = Math.max(1, Math.min(first.scenario().duration().toSeconds(),
                Math.round(first.scenario().timeScale() * WARM_UP_WALL_SECONDS)));
        FleetEngine.run(ScenarioOverrides.withDurationSeconds(first.scenario(), seconds), target,
                RunOptions.defaults(tuneDir.resolve("warm-up")));
    }

    static String progressLine(int done, int total, CellResult r) {
        return String.format(Locale.ROOT, "[%d/%d] %s: reachability %s%s, %.0f msgs/device-day, radio %.0f s/device-day,"
                        + " goal %s (%.1f s)", done, total, r.cell().path(), ratio(r.reachability()),
                r.probedReachability() == null ? "" : " (probed " + ratio(r.probedReachability()) + ")",
                r.totalMessagesPerDay(), r.radioSecondsPerDay(), r.goalMet() ? "met" : "not met", r.wallSeconds())
                + (r.behind() ? "; the simulator fell behind its clock: run this cell again at a lower timeScale" : "");
    }

    static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
