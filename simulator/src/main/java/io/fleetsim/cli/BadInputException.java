package io.fleetsim.cli;

/** Bad input found by the command line itself (a flag, a results directory). */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message, null, false, false);
    }
}
