package io.fleetsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.fleetsim.reports.HtmlReport;
import io.fleetsim.reports.JunitReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fleetsim report DIR}: renders report.html again from a results directory alone. */
@Command(name = "report", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        description = "Render report.html (and junit.xml) again from a results directory.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory")
    Path dir;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a results directory");
        }
        Path report = HtmlReport.render(dir);
        if (Files.exists(dir.resolve("summary.json"))) {
            JunitReport.write(dir);
        }
        spec.commandLine().getOut().println("report: " + report);
        return ExitCodes.PASS;
    }
}
