package io.fleetsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.fleetsim.reports.CompareReport;
import io.fleetsim.reports.Comparison;
import io.fleetsim.reports.ComparisonResult;
import io.fleetsim.reports.MetricComparison;
import io.fleetsim.reports.RegressionLimit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fleetsim compare BASELINE CURRENT}: sets two runs side by side and gates on regressions. */
@Command(name = "compare", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        description = "Compare a run against a baseline run; exit 1 when a --max-regression limit is broken.")
final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE_DIR", description = "results directory of the baseline run")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT_DIR", description = "results directory of the run to judge")
    Path current;

    @Option(names = RegressionLimit.OPTION, paramLabel = "METRIC=LIMIT",
            description = "e.g. p99=10% (latency at most 10% above the baseline) or successRatio=0.1% "
                    + "(at most 0.1 percentage points below); also reachability, reconnect.p99, "
                    + "timeToRegistered.p50/.p90/.p99, notifications.lostShare; repeatable")
    List<String> limits = new ArrayList<>();

    @Option(names = "--fail-on-missing",
            description = "fail (exit 1) when a limited metric is not in one of the two runs; "
                    + "by default such a limit is reported as not checked")
    boolean failOnMissing;

    @Option(names = "--out", paramLabel = "FILE", description = "comparison page (default CURRENT_DIR/comparison.html)")
    Path out;

    @Override
    public Integer call() {
        List<RegressionLimit> parsed = new ArrayList<>();
        try {
            for (String limit : limits) {
                parsed.add(RegressionLimit.parse(limit));
            }
            ComparisonResult result = Comparison.compare(baseline, current, parsed);
            Path page = CompareReport.writeHtml(result, out != null ? out : current.resolve(CompareReport.DEFAULT_FILE));
            PrintWriter printer = spec.commandLine().getOut();
            for (MetricComparison metric : result.metrics()) {
                if (metric.limit().isPresent()) {
                    printer.println(metric.verdictLine());
                }
            }
            int missing = failOnMissing ? result.unchecked().size() : 0;
            String verdict = result.regressions().isEmpty() ? "no regression"
                    : result.regressions().size() + " regression(s)";
            if (missing > 0) {
                verdict += ", " + missing + " limited metric(s) missing (--fail-on-missing)";
            }
            printer.printf("%s%ncomparison: %s%n", verdict, page);
            printer.flush();
            return result.regressions().isEmpty() && missing == 0 ? ExitCodes.PASS : ExitCodes.FAILED;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
