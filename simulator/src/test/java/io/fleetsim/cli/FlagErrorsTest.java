package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistyped flags and unusable results directories: exit code 2 and one clear line, before anything runs. */
class FlagErrorsTest {

    @TempDir
    Path dir;

    private Path scenario;

    @BeforeEach
    void writeScenario() throws IOException {
        scenario = dir.resolve("ok.yaml");
        Files.writeString(scenario, "name: ok\ndurationSeconds: 1\nfleet:\n  count: 1\n");
    }

    @Test
    void anUnknownFlagSuggestsTheOneMeant() {
        CliRun run = CliRun.of("run", scenario.toString(), "--devcies", "5");

        assertOneLineBadInput(run);
        assertThat(run.err()).contains("--devcies").contains("did you mean --devices?");
    }

    @Test
    void aNonNumericDeviceCountIsNamed() {
        CliRun run = CliRun.of("run", scenario.toString(), "--devices", "ten");

        assertOneLineBadInput(run);
        assertThat(run.err()).contains("--devices").contains("'ten'");
    }

    @Test
    void outPointingAtAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("taken.txt"), "not a directory");

        CliRun run = CliRun.of("run", scenario.toString(), "--out", file.toString());

        assertOneLineBadInput(run);
        assertThat(run.err()).contains("--out: " + file + " is a file");
    }

    @Test
    void anUnwritableResultsDirectoryIsRefusedBeforeTheRun() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path inside = file.resolve("results");

        CliRun run = CliRun.of("run", scenario.toString(), "--out", inside.toString());

        assertOneLineBadInput(run);
        assertThat(run.err()).contains("--out: cannot write the results directory " + inside);
        assertThat(run.out()).doesNotContain("devices against");
    }

    @Test
    void aRegistrationLimitIsRefusedWithAnotherServerThanLeshan() throws IOException {
        Path limited = Files.writeString(dir.resolve("limited.yaml"), "name: limited\ndurationSeconds: 1\nfleet:\n"
                + "  count: 1\nserver:\n  registrationLimit: {count: 3}\n");

        CliRun minimal = CliRun.of("run", limited.toString(), "--server", "minimal", "--out", dir.resolve("m").toString());
        assertOneLineBadInput(minimal);
        assertThat(minimal.err()).contains("--server minimal: the minimal responder has no registration limit");

        CliRun target = CliRun.of("run", limited.toString(), "--target", "coap://127.0.0.1:5683",
                "--out", dir.resolve("t").toString());
        assertOneLineBadInput(target);
        assertThat(target.err()).contains("--target: the scenario's server section sets protections of the embedded server");
    }

    @Test
    void observeNeedsTheMinimalResponderAndAResourcePath() {
        CliRun leshan = CliRun.of("run", scenario.toString(), "--observe", "/3303/0/5700", "--out",
                dir.resolve("o1").toString());
        assertOneLineBadInput(leshan);
        assertThat(leshan.err()).contains("--observe: only the embedded minimal responder observes devices");

        CliRun badPath = CliRun.of("run", scenario.toString(), "--server", "minimal", "--observe", "/3303/zero",
                "--out", dir.resolve("o2").toString());
        assertOneLineBadInput(badPath);
        assertThat(badPath.err()).contains("--observe: observe path '/3303/zero': 'zero' is not an id");
    }

    @Test
    void observePeriodsNeedAnObservePathAndPeriodsThatCanBe() {
        CliRun alone = CliRun.of("run", scenario.toString(), "--server", "minimal", "--observe-pmin", "5",
                "--out", dir.resolve("p1").toString());
        assertOneLineBadInput(alone);
        assertThat(alone.err()).contains("--observe-pmin: needs --observe PATH");

        CliRun zero = CliRun.of("run", scenario.toString(), "--server", "minimal", "--observe", "/3303/0/5700",
                "--observe-pmax", "0", "--out", dir.resolve("p2").toString());
        assertOneLineBadInput(zero);
        assertThat(zero.err()).contains("--observe-pmax: pmax 0 is not a number of seconds (1 or more)");

        CliRun below = CliRun.of("run", scenario.toString(), "--server", "minimal", "--observe", "/3303/0/5700",
                "--observe-pmin", "10", "--observe-pmax", "5", "--out", dir.resolve("p3").toString());
        assertOneLineBadInput(below);
        assertThat(below.err()).contains("--observe-pmax: pmax 5 is less than pmin 10");
    }

    private static void assertOneLineBadInput(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Usage:");
    }
}
