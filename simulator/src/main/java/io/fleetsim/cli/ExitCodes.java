package io.fleetsim.cli;

/** Exit codes of every fleetsim command, as documented in the README. */
public final class ExitCodes {

    /** The run finished and every threshold passed. */
    public static final int PASS = 0;
    /** The run finished and a threshold (or, for compare, a regression limit) failed. */
    public static final int FAILED = 1;
    /** Bad input: a scenario file, a flag, a results directory. Nothing was run. */
    public static final int BAD_INPUT = 2;
    /** The run could not be carried out or was aborted; whatever was measured is kept. */
    public static final int ABORTED = 3;

    private ExitCodes() {
    }
}
