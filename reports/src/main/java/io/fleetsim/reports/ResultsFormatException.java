package io.fleetsim.reports;

/**
 * A results directory, or one of its files, cannot be read: a file is missing, unparsable or
 * written in a format version this reader does not know. The message names the file and is
 * meant to be shown to the user as it is.
 */
public class ResultsFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResultsFormatException(String message) {
        super(message);
    }

    public ResultsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
