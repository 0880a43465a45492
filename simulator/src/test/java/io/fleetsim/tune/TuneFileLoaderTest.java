package io.fleetsim.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.cli.FleetsimCommand;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.ScenarioException;
import io.fleetsim.scenario.Transport;

/** Tune files as users write them: the cells they make, and the messages a bad one gets. */
class TuneFileLoaderTest {

    private static final String BASE = """
            name: t
            durationSeconds: 3600
            timeScale: 100
            groups:
              - name: meters
                endpointPrefix: m-
                transport: udp
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("tune.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String problem(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            TuneFileLoader.load(file);
        } catch (ScenarioException e) {
            return e.getMessage().replace(file.toString(), "tune.yaml");
        }
        throw new AssertionError("no problem found in\n" + yaml);
    }

    @Test
    void everyProfileGroupAndCandidateBecomesACellWithThoseSettings() throws IOException {
        TuneFile tune = TuneFileLoader.load(write(BASE + """
                  - name: trackers
                    endpointPrefix: t-
                sweep:
                  natProfiles: [cellular-udp-30s, cellular-mixed]
                  coapPingSeconds: {from: 20, to: 60, step: 20}
                  updateIntervalSeconds: [120]
                  devicesPerCell: 50
                """));

        assertThat(tune.cells()).hasSize(2 * 2 * 4);
        TuneCell cell = tune.cells().get(1);
        assertThat(cell.path()).isEqualTo("cellular-udp-30s/meters/ping-40s");
        var group = cell.scenario().groups().get(0);
        assertThat(group.count()).isEqualTo(50);
        assertThat(group.keepalive().coapPingInterval()).isEqualTo(Duration.ofSeconds(40));
        assertThat(group.nat().profile()).isEqualTo("cellular-udp-30s");
        assertThat(group.nat().timeouts().get(0).streamSeconds()).isEqualTo(30);
        assertThat(cell.scenario().thresholds().get(0).expression()).isEqualTo("reachability >= 99.9%");
        TuneCell update = tune.cells().get(3);
        assertThat(update.scenario().updateInterval()).isEqualTo(Duration.ofSeconds(120));
        assertThat(update.scenario().groups().get(0).keepalive().coapPingInterval()).isNull();
        assertThat(tune.devicesPerCell()).isEqualTo(50);
    }

    @Test
    void tcpAndTlsGroupsBecomeCellsWhosePingCandidateIsTheRfc8323Ping() throws IOException {
        TuneFile tune = TuneFileLoader.load(write(BASE + """
                  - name: tcp
                    endpointPrefix: tc-
                    transport: tcp
                  - name: tls
                    endpointPrefix: tl-
                    transport: tls
                    keepalive: {pongTimeoutSeconds: 20}
                sweep: {natProfiles: [cellular-udp-120s], coapPingSeconds: [60, 300]}
                """));

        assertThat(tune.cells()).extracting(TuneCell::path).containsExactly(
                "cellular-udp-120s/meters/ping-60s", "cellular-udp-120s/meters/ping-300s",
                "cellular-udp-120s/tcp/ping-60s", "cellular-udp-120s/tcp/ping-300s",
                "cellular-udp-120s/tls/ping-60s", "cellular-udp-120s/tls/ping-300s");
        var tls = tune.cells().get(5).scenario().groups().get(0);
        assertThat(tls.transport()).isEqualTo(Transport.TLS);
        assertThat(tls.endpointPrefix()).isEqualTo("tl-c5-");
        assertThat(tls.keepalive().coapPingInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(tls.keepalive().pongTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(tls.nat().tcpTimeouts().get(0).streamSeconds()).as("the established timeout, RFC 5382 REQ-5")
                .isEqualTo(7440);
        assertThat(tune.cellGroups()).extracting(DeviceGroup::transport).containsOnly(
                Transport.UDP, Transport.TCP, Transport.TLS);
    }

    @Test
    void theScenariosRadioModelIsTheOneEveryCellMeasuresWith() throws IOException {
        TuneFile tune = TuneFileLoader.load(write(BASE.replace("groups:", "radio: {profile: nb-iot}\ngroups:")
                + "sweep: {natProfiles: [cellular-udp-30s], coapPingSeconds: [30, 60]}\n"));

        assertThat(tune.radio().tailSeconds()).isEqualTo(20);
        assertThat(tune.cells()).allSatisfy(cell -> assertThat(cell.scenario().radio().profile()).isEqualTo("nb-iot"));
    }

    @Test
    void sweepProblemsNameTheLineAndTheField() throws IOException {
        assertThat(problem(BASE + "sweep:\n  natProfiles: [cellular-udp-30s]\n  coapPingSecond: [30]\n"))
                .startsWith("tune.yaml:10: sweep.coapPingSecond: unknown key (did you mean 'coapPingSeconds'?)");
        assertThat(problem(BASE + "sweep:\n  natProfiles: [cellular-udp-30s]\n  coapPingSeconds: {from: 30, to: 60, step: 0}\n"))
                .isEqualTo("tune.yaml:10: sweep.coapPingSeconds.step: must be at least 1, got 0");
        assertThat(problem(BASE + "sweep:\n  natProfiles: [cellular-udp-30s]\n  coapPingSeconds: [30]\n  goal: reachability >= 99.9ms\n"))
                .startsWith("tune.yaml:11: sweep.goal: unit 'ms'");
        assertThat(problem(BASE + "sweep:\n  natProfiles: [cellular-udp-30s, celular-mixed]\n  coapPingSeconds: [30]\n"))
                .startsWith("tune.yaml:9: sweep.natProfiles[1]: unknown profile 'celular-mixed' (did you mean 'cellular-mixed'?)");
        assertThat(problem(BASE.replace("transport: udp", "transport: udp\n    count: 10")
                + "sweep: {natProfiles: [cellular-udp-30s], coapPingSeconds: [30]}\n"))
                .startsWith("tune.yaml:8: groups[0].count: the sweep sets every cell's device count");
        assertThat(problem(BASE.replace("transport: udp", "transport: udp\n    updateIntervalSeconds: 60")
                + "sweep: {natProfiles: [cellular-udp-30s], updateIntervalSeconds: [30]}\n"))
                .startsWith("tune.yaml:8: groups[0].updateIntervalSeconds: the sweep sets it (sweep.updateIntervalSeconds)");
        assertThat(problem(BASE + "sweep:\n  natProfiles: [cellular-udp-30s]\n  coapPingSeconds: [30]\n  radio: {profile: nb-iot}\n"))
                .startsWith("tune.yaml:11: sweep.radio: the radio model is a scenario key now: move this map to the top level");
        assertThat(problem(BASE.replace("timeScale: 100", "timeScale: 0")
                + "sweep: {natProfiles: [cellular-udp-30s], coapPingSeconds: [30]}\n"))
                .startsWith("tune.yaml:3: timeScale: must be at least 0.01");
    }

    @Test
    void theCommandExitsWith2OnABadTuneFileAndCheckListsTheCells() throws IOException {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            Path bad = write(BASE + "sweep: {natProfiles: [cellular-udp-30s]}\n");
            assertThat(FleetsimCommand.execute("tune", bad.toString())).isEqualTo(2);
            assertThat(captured.toString()).contains("sweep: give the candidates");
        } finally {
            System.setErr(err);
        }
        Path good = write(BASE + "sweep: {natProfiles: [cellular-udp-30s], coapPingSeconds: [30, 60]}\n");
        assertThat(FleetsimCommand.execute("tune", "--check", good.toString())).isZero();
    }
}
