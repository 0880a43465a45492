package io.fleetsim.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sweep of CoAP-over-TCP devices behind a NAT whose established timeout is a fixed 60 s,
 * against the embedded java-coap server the sweep starts for its tcp cells. An RFC 8323 Ping more
 * often than the timeout keeps the connection: reachable all the time, never reconnected. A Ping
 * less often finds the connection silently dropped ({@code tcpExpiry: drop}): unreachable from the
 * expiry until the Pong timeout tells the device and it connects and registers again, about
 * T / (P + pong timeout) reachable. The recommendation is the longest Ping below the timeout.
 */
@Tag("alone") // see pom.xml: runs with no other test JVM beside it
@Timeout(270) // 90 s, and room for cells a loaded machine runs again at a lower timeScale (docs/tune.md)
class TuneOverTcpTest {

    private static final long NAT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void pingsBelowTheNatTimeoutKeepTheConnectionAndTheLongestOfThemIsRecommended() throws Exception {
        TuneSweeps.profile(dir, "fixed-60s", "idleTimeoutSeconds: 60\n");
        List<String> progress = new ArrayList<>();

        TuneReport report = TuneSweeps.runPingSweep(dir, """
                name: tcp-sweep
                durationSeconds: 900
                timeScale: 150
                lifetimeSeconds: 86400
                arrival:
                  rampSeconds: 60
                probe: {ratePerSecond: 0.2, sample: 1}
                fleet:
                  name: tcp
                  endpointPrefix: tt-
                  transport: tcp
                  keepalive: {pongTimeoutSeconds: 10}
                """, "fixed-60s", 20, List.of(20, 45, 90, 120), progress);

        assertThat(progress).hasSize(4);
        for (CellResult cell : report.cells()) {
            long ping = cell.cell().candidate().seconds();
            if (ping < NAT_SECONDS) {
                assertThat(cell.reachability()).as(cell.cell().path()).isGreaterThanOrEqualTo(0.99);
                assertThat(cell.probedReachability()).as(cell.cell().path() + ", probed through java-coap")
                        .isGreaterThanOrEqualTo(0.95);
                assertThat(cell.reconnectsPerDay()).as(cell.cell().path()).isZero();
            } else {
                // about 60 / (P + 10): 0.67 at 90 s, 0.46 at 120 s
                assertThat(cell.reachability()).as(cell.cell().path()).isLessThan(0.85);
                assertThat(cell.reconnectsPerDay()).as(cell.cell().path()).isPositive();
            }
            assertThat(cell.messagesPerDay().get("keepalive")).as(cell.cell().path() + ": Pings and Pongs counted")
                    .isPositive();
        }
        assertThat(report.cells().get(3).reachability()).as("a longer Ping, a longer black hole")
                .isLessThan(report.cells().get(2).reachability());
        Recommendation rec = report.recommendations().get(0);
        assertThat(rec.meetsGoal()).isTrue();
        assertThat(rec.chosen().cell().candidate()).isEqualTo(new Candidate(Candidate.Kind.PING, 45));
        assertThat(rec.messagesSaved()).as("45 s against 20 s pings").isGreaterThan(0.3);
    }
}
