package io.fleetsim.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recommendation warns when its interval is not below the NAT timeout of its group's transport:
 * a UDP or DTLS group against the profile's UDP timeout, a TCP or TLS group against its TCP one.
 */
class RecommendationTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void eachGroupIsJudgedAgainstTheTimeoutOfItsOwnTransport() throws IOException {
        TuneSweeps.profile(dir, "split", "udpIdleTimeoutSeconds: 60\ntcpIdleTimeoutSeconds: 600\n");
        Path file = dir.resolve("tune.yaml");
        Files.writeString(file, """
                name: t
                durationSeconds: 3600
                timeScale: 100
                groups:
                  - name: udp
                    endpointPrefix: u-
                    transport: udp
                  - name: tcp
                    endpointPrefix: c-
                    transport: tcp
                sweep: {natProfiles: [split], coapPingSeconds: [300]}
                """);

        List<TuneCell> cells = TuneFileLoader.load(file).cells();

        assertThat(cells).extracting(TuneCell::group).containsExactly("udp", "tcp");
        assertThat(recommend(cells.get(0)).warning()).isEqualTo(
                "not below the NAT timeout (60 s): a race with the mapping's expiry, prefer a shorter interval");
        assertThat(recommend(cells.get(1)).warning()).as("300 s is below the 600 s TCP timeout").isNull();
    }

    private static Recommendation recommend(TuneCell cell) {
        CellResult met = new CellResult(cell, "results", 1.0, null, 1.0, true, Map.of(), Map.of(), 0, null, 0, 1, 1,
                false);
        return new Recommendation(cell.profile(), cell.group(), met, met, null, List.of());
    }
}
