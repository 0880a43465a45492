package io.fleetsim.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Reads a {@code registrationRetry} map (top level or a group's): {@code mode: backoff} with its
 * back-off keys, or {@code mode: lwm2m} with the Server object's retry resources. A key of the
 * other mode is an error.
 */
final class RetryPolicyReader {

    private static final List<ScenarioKey<?>> BACKOFF_KEYS = List.of(ScenarioKeys.RETRY_INITIAL,
            ScenarioKeys.RETRY_MAX, ScenarioKeys.RETRY_MULTIPLIER, ScenarioKeys.RETRY_JITTER);
    private static final List<ScenarioKey<?>> LWM2M_KEYS = List.of(ScenarioKeys.RETRY_COUNT,
            ScenarioKeys.RETRY_TIMER, ScenarioKeys.SEQUENCE_DELAY, ScenarioKeys.SEQUENCE_RETRY_COUNT);

    private RetryPolicyReader() {
    }

    static RetryPolicy read(MappingReader retry) {
        String mode = retry.read(ScenarioKeys.RETRY_MODE);
        boolean lwm2m = mode.equals("lwm2m");
        for (ScenarioKey<?> key : lwm2m ? BACKOFF_KEYS : LWM2M_KEYS) {
            if (retry.has(key)) {
                throw retry.error(key, "belongs to mode " + (lwm2m ? "backoff" : "lwm2m") + ", but "
                        + retry.field(ScenarioKeys.RETRY_MODE) + " is " + mode
                        + (retry.has(ScenarioKeys.RETRY_MODE) ? "" : " (the default)")
                        + "; give the keys of one mode");
            }
        }
        return lwm2m ? lwm2m(retry) : backoff(retry);
    }

    /** A group's own {@code registrationRetry}, or null when it has none. */
    static RetryPolicy readGroup(MappingReader group) {
        return group.site(ScenarioKeys.GROUP_RETRY).map(site -> read(MappingReader.of(site.source(), site.node(),
                site.field(), site.line(), Section.REGISTRATION_RETRY))).orElse(null);
    }

    private static RetryPolicy backoff(MappingReader retry) {
        double initial = retry.read(ScenarioKeys.RETRY_INITIAL);
        double max = retry.read(ScenarioKeys.RETRY_MAX);
        if (max < initial) {
            ScenarioKey<?> blamed = retry.has(ScenarioKeys.RETRY_MAX) ? ScenarioKeys.RETRY_MAX : ScenarioKeys.RETRY_INITIAL;
            throw retry.error(blamed, "maxSeconds must be at least initialSeconds ("
                    + DecimalKey.format(initial) + "), got " + DecimalKey.format(max));
        }
        return new RetryPolicy(ScalarValues.seconds(initial), ScalarValues.seconds(max),
                retry.read(ScenarioKeys.RETRY_MULTIPLIER), retry.read(ScenarioKeys.RETRY_JITTER));
    }

    private static RetryPolicy lwm2m(MappingReader retry) {
        return RetryPolicy.lwm2m(new RetryPolicy.Lwm2mSequences(
                Math.toIntExact(retry.read(ScenarioKeys.RETRY_COUNT)),
                Duration.ofSeconds(retry.read(ScenarioKeys.RETRY_TIMER)),
                Duration.ofSeconds(retry.read(ScenarioKeys.SEQUENCE_DELAY)),
                Math.toIntExact(retry.read(ScenarioKeys.SEQUENCE_RETRY_COUNT))));
    }
}
