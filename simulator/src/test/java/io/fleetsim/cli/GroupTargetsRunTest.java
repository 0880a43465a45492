package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.scenario.Transport;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/**
 * One scenario, three groups: one with a udp host of its own, one with a tcp host of its own (its
 * transport taken from the scheme), and one without a target, for which fleetsim starts its
 * embedded server. Each group's devices register where their group says.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupTargetsRunTest {

    @TempDir
    Path dir;

    @Test
    void groupsWithTargetsOfTheirOwnMixUdpAndTcpHosts() throws Exception {
        try (EmbeddedLwm2mServer udp = EmbeddedLwm2mServer.start();
                EmbeddedTcpLwm2mServer tcp = EmbeddedTcpLwm2mServer.start(Set.of(Transport.TCP), null)) {
            Path scenario = dir.resolve("mixed.yaml");
            Files.writeString(scenario, """
                    name: mixed-hosts
                    durationSeconds: 3
                    deregisterAtEnd: false
                    groups:
                      - name: udp-host
                        count: 3
                        endpointPrefix: u-
                        target: coap://127.0.0.1:%d
                      - name: tcp-host
                        count: 3
                        endpointPrefix: t-
                        target: coap+tcp://127.0.0.1:%d
                      - name: embedded
                        count: 2
                        endpointPrefix: e-
                        transport: tcp
                    arrival: {rate: 50}
                    """.formatted(udp.coapAddress().getPort(), tcp.address(Transport.TCP).getPort()));
            Path out = dir.resolve("out");

            CliRun run = CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
            for (int i = 0; i < 3; i++) {
                assertThat(udp.registration("u-%06d".formatted(i))).as("udp device %d at the udp host", i).isPresent();
                assertThat(tcp.registration("t-%06d".formatted(i))).as("tcp device %d at the tcp host", i).isPresent();
            }
            assertThat(udp.registration("e-000000")).isEmpty();
            assertThat(tcp.registration("e-000000")).as("the group without a target goes to the embedded server")
                    .isEmpty();
            JsonNode groups = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("groups");
            assertThat(groups).hasSize(3);
            assertThat(groups.get(0).path("transport").asText()).isEqualTo("udp");
            assertThat(groups.get(1).path("transport").asText()).isEqualTo("tcp");
            for (JsonNode group : groups) {
                assertThat(group.path("registered").asLong()).as(group.path("name").asText())
                        .isEqualTo(group.path("planned").asLong());
            }
        }
    }

    @Test
    void aGroupTransportThatContradictsItsTargetIsBadInput() throws Exception {
        Path scenario = dir.resolve("contradiction.yaml");
        Files.writeString(scenario, """
                name: contradiction
                durationSeconds: 3
                groups:
                  - count: 1
                    endpointPrefix: a-
                    transport: udp
                    target: coap+tcp://127.0.0.1:5683
                """);

        CliRun run = CliRun.of("run", scenario.toString(), "--out", dir.resolve("out").toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("contradiction.yaml:6: groups[0].transport: is udp but the group's target "
                + "'coap+tcp://127.0.0.1:5683' serves tcp");
    }
}
