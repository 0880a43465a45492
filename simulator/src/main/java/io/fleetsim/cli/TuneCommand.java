package io.fleetsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.ScenarioOverrides;
import io.fleetsim.tune.TuneFile;
import io.fleetsim.tune.TuneFileLoader;
import io.fleetsim.tune.TuneOutputs;
import io.fleetsim.tune.TuneReport;
import io.fleetsim.tune.TuneRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fleetsim tune TUNEFILE}: sweeps keepalive candidates against NAT profiles, one fleet run
 * per cell against one set of embedded servers (those {@code fleetsim run} starts, for every
 * transport the cells use, started once for the sweep), and recommends the interval per profile
 * and group.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        resourceBundle = "io.fleetsim.cli.TuneCommand$OptionTexts",
        description = "Sweep keepalive settings against carrier NAT profiles and recommend the interval: "
                + "writes tune.csv, tune.json and tune.html, and each cell's results directory under cells/.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:every NAT profile and group has a candidate that meets the goal",
            "1:some profile and group has none", "2:bad input (tune file, flags)",
            "3:the sweep could not be carried out" })
final class TuneCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TUNEFILE", description = "tune file (YAML): a scenario plus a sweep section")
    Path tuneFile;

    @Option(names = "--check", description = "check the tune file and list its cells, run nothing")
    boolean check;

    @Option(names = "--devices-per-cell", paramLabel = "N", description = "override sweep.devicesPerCell")
    Integer devicesPerCell;

    @Mixin
    SharedOptions.ScenarioClock clock;

    @Mixin
    SharedOptions.ResultsDir out;

    @Mixin
    SharedOptions.Pki pki;

    @Mixin
    SharedOptions.Quiet quiet;

    @Override
    public Integer call() throws Exception {
        TuneFile tune = withOverrides(TuneFileLoader.load(tuneFile));
        PrintWriter stdout = spec.commandLine().getOut();
        if (check) {
            stdout.printf("%s: ok (%d cells: %d NAT profiles x %d groups x %d candidates, %d devices each, "
                            + "%d simulated s at timeScale %s, about %.0f wall s per cell)%n", tuneFile,
                    tune.cells().size(), tune.profiles().size(), tune.groups().size(), tune.candidates().size(),
                    tune.devicesPerCell(), tune.cellSeconds(), tune.timeScale(), tune.cellSeconds() / tune.timeScale());
            tune.cells().forEach(c -> stdout.println("  " + c.path()));
            stdout.flush();
            return ExitCodes.PASS;
        }
        Path dir = out.orElse(() -> Path.of("results", tune.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        stdout.printf("fleetsim tune: %s: %d cells of %d devices, %d simulated s each at timeScale %s, results in %s%n",
                tune.name(), tune.cells().size(), tune.devicesPerCell(), tune.cellSeconds(), tune.timeScale(), dir);
        stdout.flush();
        ResultsDirCheck.requireWritable(dir);
        List<DeviceGroup> groups = tune.cellGroups();
        RunTarget servers = Targets.startEmbedded(groups, Targets.Embedded.LESHAN,
                SecureRuns.pki(groups, true, pki.dir, dir));
        TuneReport report;
        try (AutoCloseable stop = servers.closer()) {
            PrintWriter err = spec.commandLine().getErr();
            report = new TuneRunner(servers, dir, quiet.quiet ? line -> { } : line -> {
                err.println(line);
                err.flush();
            }, RunCommand::writeReports).run(tune);
        }
        TuneOutputs.write(report);
        TuneOutputs.table(report).forEach(stdout::println);
        stdout.printf(Locale.ROOT, "sweep took %.0f s; tune.html: %s%n", report.wallSeconds(), dir.resolve("tune.html"));
        stdout.flush();
        return report.allMeetGoal() ? ExitCodes.PASS : ExitCodes.FAILED;
    }

    /** How tune words the shared options whose text differs from run's (see {@link SharedOptions}). */
    public static final class OptionTexts extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {
                { "duration", "override durationSeconds of every cell" },
                { "out", "tune results directory (default results/<name>-<yyyyMMdd-HHmmss>)" },
                { "pki", "certificate authority and server certificate for DTLS and TLS groups: reused from DIR "
                        + "when it holds them, else made there (default: pki/ in the tune results directory)" } };
        }
    }

    private TuneFile withOverrides(TuneFile tune) {
        TuneFile t = tune;
        if (devicesPerCell != null) {
            t = t.withCells(s -> ScenarioOverrides.withDeviceCount(s, devicesPerCell));
        }
        return t.withCells(clock::apply);
    }
}
