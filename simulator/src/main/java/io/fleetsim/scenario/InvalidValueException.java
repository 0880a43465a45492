package io.fleetsim.scenario;

/**
 * A value that breaks a rule, before it is known where the value came from. The reader adds
 * file, line and field; {@link ScenarioOverrides} adds the flag name.
 */
final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String problem) {
        super(problem, null, false, false);
    }
}
