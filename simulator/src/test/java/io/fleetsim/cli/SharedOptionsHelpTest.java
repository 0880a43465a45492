package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The options run and tune share are declared once (SharedOptions), yet each command's help words
 * them for that command: tune speaks of every cell and of its tune results directory.
 */
class SharedOptionsHelpTest {

    @Test
    void runWordsTheSharedOptionsForARun() {
        String help = help("run");

        assertThat(help).contains("--duration=SECONDS override durationSeconds (simulated)")
                .contains("--time-scale=X override timeScale")
                .contains("--out=DIR results directory (default results/<scenario>-<yyyyMMdd-HHmmss>)")
                .contains("(default: pki/ in the results directory)")
                .contains("--quiet no progress lines");
    }

    @Test
    void tuneWordsTheSharedOptionsForASweep() {
        String help = help("tune");

        assertThat(help).contains("--duration=SECONDS override durationSeconds of every cell")
                .contains("--time-scale=X override timeScale")
                .contains("--out=DIR tune results directory (default results/<name>-<yyyyMMdd-HHmmss>)")
                .contains("(default: pki/ in the tune results directory)")
                .contains("--quiet no progress lines");
    }

    /** The command's --help with every run of whitespace made one space (the help wraps lines). */
    private static String help(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PASS);
        return run.out().replaceAll("\\s+", " ");
    }
}
