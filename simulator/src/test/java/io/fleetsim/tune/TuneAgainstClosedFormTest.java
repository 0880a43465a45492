package io.fleetsim.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sweep against a fixed 30 s NAT with port preservation, checked against the closed form:
 * a device pinging every P seconds is reachable all the time for P below the timeout T, and for
 * about T/P of the time otherwise (the mapping dies T after the last packet; the next ping, P after
 * it, brings the same address back). With random ports a ping cannot tell the server the new
 * address, so T/P would not hold there (see NatAgainstLeshanTest). A finite run adds a bias of about
 * T(P-T)/(2P x observed time), since every cycle starts reachable: 1.1 pp at P = 60 s over ~660 s.
 */
@Tag("alone") // see pom.xml: runs with no other test JVM beside it
@Timeout(180) // 60 s, and room for cells a loaded machine runs again at a lower timeScale (docs/tune.md)
class TuneAgainstClosedFormTest {

    private static final double TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void everyCellMatchesTheClosedFormAndTheLongestPingBelowTheTimeoutIsRecommended() throws Exception {
        TuneSweeps.profile(dir, "fixed-30s-preserve", """
                idleTimeoutSeconds: 30
                portAllocation: preserve
                """);
        List<String> progress = new ArrayList<>();

        TuneReport report = TuneSweeps.runPingSweep(dir, """
                name: closed-form
                durationSeconds: 720
                timeScale: 160
                lifetimeSeconds: 86400
                arrival:
                  rampSeconds: 120
                fleet:
                  name: udp
                  endpointPrefix: cf-
                  transport: udp
                """, "fixed-30s-preserve", 40, List.of(10, 15, 45, 60), progress);

        assertThat(progress).hasSize(4);
        for (CellResult cell : report.cells()) {
            double p = cell.cell().candidate().seconds();
            assertThat(cell.reachability()).as(cell.cell().path())
                    .isCloseTo(Math.min(1, TIMEOUT_SECONDS / p), within(0.02));
            assertThat(dir.resolve("out").resolve(cell.resultsDir()).resolve("summary.json")).exists();
        }
        Recommendation rec = report.recommendations().get(0);
        assertThat(rec.meetsGoal()).isTrue();
        assertThat(rec.chosen().cell().candidate()).isEqualTo(new Candidate(Candidate.Kind.PING, 15));
        assertThat(rec.messagesSaved()).isGreaterThan(0.2);
        assertThat(report.allMeetGoal()).isTrue();

        TuneOutputs.write(report);
        assertThat(Files.readAllLines(dir.resolve("out/tune.csv"))).hasSize(5)
                .anyMatch(line -> line.startsWith("fixed-30s-preserve,udp,ping-15s,") && line.contains(",true,cells/"));
        assertThat(Files.readString(dir.resolve("out/tune.json")))
                .contains("\"recommended\" : \"ping-15s\"").contains("\"allMeetGoal\" : true");
        assertThat(Files.readString(dir.resolve("out/tune.html")))
                .contains("chart-reachability").contains("chart-cost").contains("<td>ping-15s</td>");
    }
}
