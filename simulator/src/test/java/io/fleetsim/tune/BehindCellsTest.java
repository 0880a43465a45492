package io.fleetsim.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.scenario.ScenarioOverrides;

/**
 * Cells in which the simulator fell behind its clock: run again at half the timeScale (at most
 * twice, never below 1), and, when they fall behind even so, left out of the recommendation, as
 * every output says. The cells are measured by a fake that decides from the timeScale whether the
 * run kept up, so no fleet runs here.
 */
class BehindCellsTest {

    @TempDir
    Path dir;

    private TuneFile tune;

    /** Two groups x ping 25, 40, 60 s behind one profile, at timeScale 400. */
    @BeforeEach
    void loadTuneFile() throws IOException {
        TuneSweeps.profile(dir, "fixed-30s", "idleTimeoutSeconds: 30\n");
        Path file = dir.resolve("tune.yaml");
        Files.writeString(file, """
                name: behind
                durationSeconds: 720
                timeScale: 400
                lifetimeSeconds: 86400
                groups:
                  - name: fast
                    endpointPrefix: fa-
                    transport: udp
                  - name: slow
                    endpointPrefix: sl-
                    transport: udp
                sweep:
                  natProfiles: [fixed-30s]
                  coapPingSeconds: [25, 40, 60]
                  devicesPerCell: 10
                  goal: reachability >= 99%
                """);
        tune = TuneFileLoader.load(file);
    }

    @Test
    void aBehindCellIsNeverChosenAndIsReportedAsLeftOut() {
        TuneCell shortCell = cell("fast", 25);
        TuneCell longCell = cell("fast", 60);
        CellResult onTime = result(shortCell, 1.0, 1000, false);
        CellResult behind = result(longCell, 0.9995, 400, true); // the longer, cheaper cell "met" the goal

        Recommendation r = Recommender.recommend("fixed-30s", "fast", List.of(onTime, behind));

        assertThat(r.chosen()).isSameAs(onTime);
        assertThat(r.shortest()).isSameAs(onTime);
        assertThat(r.leftOut()).containsExactly(behind);
        assertThat(r.noCellOnTime()).isFalse();
        assertThat(RecommendationTable.line(r, "reachability >= 99%"))
                .contains("ping-25s").contains("left out (fell behind its clock): ping-60s");
    }

    @Test
    void aRowWhoseEveryCellIsBehindGetsNoRecommendation() {
        CellResult a = result(cell("slow", 25), 1.0, 1000, true);
        CellResult b = result(cell("slow", 60), 0.9995, 400, true);

        Recommendation r = Recommender.recommend("fixed-30s", "slow", List.of(a, b));

        assertThat(r.meetsGoal()).isFalse();
        assertThat(r.noCellOnTime()).isTrue();
        assertThat(r.leftOut()).containsExactly(a, b);
        assertThat(RecommendationTable.line(r, "reachability >= 99%"))
                .contains("no recommendation can be made").contains("ping-25s, ping-60s");
    }

    @Test
    void aBehindCellRunsAgainAtHalfTheTimeScaleAtMostTwiceAndIsLeftOutWhenStillBehind() throws IOException {
        // fast/ping-40s keeps up at 200; fast/ping-60s and every slow cell never keep up.
        List<String> runs = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        TuneRunner runner = new TuneRunner(dir.resolve("out"), progress::add, new FakeCells(runs, c ->
                c.group().equals("slow") || c.candidate().seconds() == 60
                        || c.candidate().seconds() == 40 && c.scenario().timeScale() > 200));

        TuneReport report = runner.run(tune);

        assertThat(runs).containsExactly("fixed-30s/fast/ping-25s@400.0",
                "fixed-30s/fast/ping-40s@400.0", "fixed-30s/fast/ping-40s@200.0",
                "fixed-30s/fast/ping-60s@400.0", "fixed-30s/fast/ping-60s@200.0", "fixed-30s/fast/ping-60s@100.0",
                "fixed-30s/slow/ping-25s@400.0", "fixed-30s/slow/ping-25s@200.0", "fixed-30s/slow/ping-25s@100.0",
                "fixed-30s/slow/ping-40s@400.0", "fixed-30s/slow/ping-40s@200.0", "fixed-30s/slow/ping-40s@100.0",
                "fixed-30s/slow/ping-60s@400.0", "fixed-30s/slow/ping-60s@200.0", "fixed-30s/slow/ping-60s@100.0");
        assertThat(progress).as("one line per cell").hasSize(6)
                .contains("[2/6] fixed-30s/fast/ping-40s: reachability 1.0000, 700 msgs/device-day, radio 0 s/device-day, "
                        + "goal met (0.1 s); re-run at timeScale 200 after the simulator fell behind its clock at "
                        + "timeScale 400")
                .anyMatch(l -> l.startsWith("[3/6] fixed-30s/fast/ping-60s") && l.endsWith("left out of the "
                        + "recommendation: the simulator fell behind its clock at timeScale 100 (its lowest, after "
                        + "timeScale 400, 200): figures near a timeout are distorted"));

        Recommendation fast = report.recommendations().get(0);
        assertThat(fast.chosen().cell().candidate().label()).isEqualTo("ping-40s");
        assertThat(fast.chosen().timeScale()).isEqualTo(200);
        assertThat(fast.chosen().behindAt()).containsExactly(400.0);
        assertThat(fast.chosen().resultsDir()).isEqualTo("cells/fixed-30s/fast/ping-40s-timescale-200");
        assertThat(fast.leftOutLabels()).isEqualTo("ping-60s");
        Recommendation slow = report.recommendations().get(1);
        assertThat(slow.noCellOnTime()).isTrue();
        assertThat(report.allMeetGoal()).isFalse();
        assertThat(dir.resolve("out/cells/fixed-30s/fast/ping-40s/cell.json")).content().contains("\"behind\" : true");
        assertThat(dir.resolve("out/cells/fixed-30s/fast/ping-40s-timescale-200/cell.json")).content()
                .contains("\"behind\" : false").contains("\"behindAtTimeScales\" : [ 400.0 ]");

        List<String> table = TuneOutputs.table(report);
        assertThat(table).contains(
                "re-run: fixed-30s/fast/ping-40s fell behind its clock at timeScale 400; its figures are from timeScale 200",
                "left out: fixed-30s/fast/ping-60s: the simulator fell behind its clock at timeScale 100 (its lowest, "
                        + "after timeScale 400, 200): figures near a timeout are distorted")
                .anyMatch(l -> l.startsWith("fixed-30s") && l.contains("slow") && l.contains(
                        "no recommendation can be made: the simulator fell behind its clock in every cell "
                                + "(ping-25s, ping-40s, ping-60s)"));

        TuneOutputs.write(report);
        List<String> csv = Files.readAllLines(dir.resolve("out/tune.csv"));
        assertThat(csv.get(0)).endsWith(",recommended,resultsDir,timeScale,behindAtTimeScales,leftOut");
        assertThat(csv).anyMatch(l -> l.startsWith("fixed-30s,fast,ping-40s,")
                        && l.endsWith(",true,cells/fixed-30s/fast/ping-40s-timescale-200,200,400,false"))
                .anyMatch(l -> l.startsWith("fixed-30s,fast,ping-60s,")
                        && l.endsWith(",false,cells/fixed-30s/fast/ping-60s-timescale-100,100,400;200,true"));
        assertThat(dir.resolve("out/tune.json")).content()
                .contains("\"leftOut\" : [ \"ping-60s\" ]")
                .contains("\"note\" : \"no recommendation can be made: the simulator fell behind its clock in every cell\"")
                .contains("\"leftOut\" : \"the simulator fell behind its clock at timeScale 100 (its lowest, after "
                        + "timeScale 400, 200): figures near a timeout are distorted\"");
        assertThat(dir.resolve("out/tune.html")).content()
                .contains("no recommendation can be made: the simulator fell behind its clock in every cell "
                        + "(ping-25s, ping-40s, ping-60s)")
                .contains("left out (fell behind its clock): ping-60s")
                .contains("re-run after falling behind at timeScale 400");
    }

    @Test
    void aRerunNeverGoesBelowTimeScaleOne() throws IOException {
        List<String> runs = new ArrayList<>();
        TuneFile oneCell = new TuneFile(tune.name(), tune.source(), tune.profiles(), List.of("fast"),
                tune.candidates(), tune.devicesPerCell(), tune.goal(), tune.radio(), List.of(tune.cells().get(0)));

        new TuneRunner(dir.resolve("a"), l -> { }, new FakeCells(runs, c -> true))
                .run(oneCell.withCells(s -> ScenarioOverrides.withTimeScale(s, 1.5)));
        new TuneRunner(dir.resolve("b"), l -> { }, new FakeCells(runs, c -> true))
                .run(oneCell.withCells(s -> ScenarioOverrides.withTimeScale(s, 1)));

        assertThat(runs).containsExactly("fixed-30s/fast/ping-25s@1.5", "fixed-30s/fast/ping-25s@1.0",
                "fixed-30s/fast/ping-25s@1.0");
    }

    private TuneCell cell(String group, long seconds) {
        return tune.cells().stream().filter(c -> c.group().equals(group) && c.candidate().seconds() == seconds)
                .findFirst().orElseThrow();
    }

    /** A measured cell: messages per device-day fall with the interval; reachability as given. */
    private static CellResult result(TuneCell cell, double reachability, double messagesPerDay, boolean behind) {
        return new CellResult(cell, "cells/" + cell.path(), reachability, null, reachability, reachability >= 0.99,
                Map.of("keepalive", messagesPerDay), Map.of("keepalive", messagesPerDay * 10), 0, null, 0, 240, 0.1,
                behind);
    }

    /** Measures cells without running them: behind when {@code behind} says so; records every run. */
    private static final class FakeCells implements TuneRunner.CellRunner {

        private final List<String> runs;
        private final Predicate<TuneCell> behind;

        FakeCells(List<String> runs, Predicate<TuneCell> behind) {
            this.runs = runs;
            this.behind = behind;
        }

        @Override
        public void warmUp(TuneCell first) {
        }

        @Override
        public CellResult run(TuneCell cell, Path cellDir) throws IOException {
            runs.add(cell.path() + "@" + cell.scenario().timeScale());
            Files.createDirectories(cellDir);
            Path tuneDir = cellDir.getParent().getParent().getParent().getParent();
            long s = cell.candidate().seconds();
            double messages = s == 25 ? 1000 : s == 40 ? 700 : 400;
            CellResult r = result(cell, s == 60 ? 0.9995 : 1.0, messages, behind.test(cell));
            return new CellResult(cell, tuneDir.relativize(cellDir).toString(), r.reachability(), null,
                    r.goalObserved(), r.goalMet(), r.messagesPerDay(), r.bytesPerDay(), 0, null, 0, 240, 0.1, r.behind());
        }
    }
}
