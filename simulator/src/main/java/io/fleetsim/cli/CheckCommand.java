package io.fleetsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fleetsim check SCENARIO}: validates a scenario file without running it. */
@Command(name = "check", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.BAD_INPUT, description = "Validate a scenario file without running it.")
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario file (YAML)")
    Path scenarioFile;

    @Override
    public Integer call() {
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        spec.commandLine().getOut().printf("%s: ok (%d devices in %d group(s), %d thresholds)%n",
                scenarioFile, scenario.deviceCount(), scenario.groups().size(), scenario.thresholds().size());
        return ExitCodes.PASS;
    }
}
