package io.fleetsim.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

import io.fleetsim.reports.ResultsFormatException;
import io.fleetsim.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one clear line and an exit code: bad input is exit 2, anything that
 * stops a run is exit 3. Stack traces only with {@code FLEETSIM_DEBUG=1}.
 */
final class UserFacingErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (System.getenv("FLEETSIM_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        if (e instanceof ScenarioException || e instanceof BadInputException || e instanceof ResultsFormatException) {
            cli.getErr().println("fleetsim: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof NoSuchFileException missing) {
            cli.getErr().println("fleetsim: no such file: " + missing.getFile());
            return ExitCodes.BAD_INPUT;
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        cli.getErr().println("fleetsim: the run stopped: " + cause);
        return ExitCodes.ABORTED;
    }
}
