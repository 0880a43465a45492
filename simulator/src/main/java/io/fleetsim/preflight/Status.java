package io.fleetsim.preflight;

/** The outcome of one preflight check. */
public enum Status {
    /** The check passed. */
    PASS,
    /** Worth a look, but not a failure (it does not change the exit code). */
    WARN,
    /** The check failed: the exit code is 1. */
    FAIL
}
