package io.fleetsim.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistyped flag or a bad flag value gets one clear line (with picocli's did-you-mean for an
 * unknown option) and a pointer to {@code --help}, exit code 2; no usage dump, no stack trace.
 */
final class OneLineParameterErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String command = cli.getCommandSpec().qualifiedName();
        err.println(command + ": " + message(e) + " (see '" + command + " --help')");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static String message(ParameterException e) {
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        return message;
    }
}
