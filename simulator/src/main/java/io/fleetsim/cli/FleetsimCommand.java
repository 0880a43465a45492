package io.fleetsim.cli;

import io.fleetsim.FleetsimVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fleetsim} command line: {@code run}, {@code report}, {@code compare}, {@code check}, {@code tune}, {@code preflight}, {@code agent}. */
@Command(name = "fleetsim",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        versionProvider = FleetsimCommand.Version.class,
        description = "Reactive LwM2M device fleet simulator and load tester.",
        subcommands = { RunCommand.class, AgentCommand.class, ReportCommand.class, CompareCommand.class, CheckCommand.class,
            TuneCommand.class, PreflightCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run finished and every threshold passed",
            "1:a threshold failed (preflight: a check failed)",
            "2:bad input (scenario file, flags, results directory)",
            "3:the run could not be carried out or was aborted" })
public final class FleetsimCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, agent, report, compare, check, tune or preflight");
    }

    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (Throwable t) { // an Error escaped the command: never hang on non-daemon threads
            System.err.println("fleetsim: the run stopped: " + t);
            code = ExitCodes.ABORTED;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new FleetsimCommand());
        cli.setExecutionExceptionHandler(new UserFacingErrors());
        cli.setParameterExceptionHandler(new OneLineParameterErrors());
        return cli;
    }

    /** Prints the version of fleetsim. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { "fleetsim " + FleetsimVersion.VERSION };
        }
    }
}
