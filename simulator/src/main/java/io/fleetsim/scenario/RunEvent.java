package io.fleetsim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/** Something that happens to a run at a moment of the simulated clock (the top-level {@code events}). */
public sealed interface RunEvent {

    /** Simulated seconds from the run start. */
    double atSeconds();

    /** The event's name as written in the scenario file and in summary.json. */
    String kind();

    /** The event's parameters, by their scenario-file names. */
    Map<String, Object> parameters();

    /**
     * A share of the registered devices lose their session (a new socket or connection) and
     * register again, spread evenly at random over {@code withinSeconds}.
     */
    record ReconnectStorm(double atSeconds, double share, double withinSeconds) implements RunEvent {
        @Override
        public String kind() {
            return "reconnectStorm";
        }

        @Override
        public Map<String, Object> parameters() {
            return params("share", share, "withinSeconds", withinSeconds);
        }
    }

    /**
     * The embedded server stops; after {@code seconds} a fresh one, with an empty registration
     * store, starts on the same port.
     */
    record ServerOutage(double atSeconds, double seconds) implements RunEvent {
        @Override
        public String kind() {
            return "serverOutage";
        }

        @Override
        public Map<String, Object> parameters() {
            return params("seconds", seconds);
        }
    }

    /**
     * For {@code forSeconds}, {@code perMinute} active devices a minute de-register and leave, and
     * as many new endpoints arrive in their groups: the fleet keeps its size.
     */
    record Churn(double atSeconds, double perMinute, double forSeconds) implements RunEvent {
        @Override
        public String kind() {
            return "churn";
        }

        @Override
        public Map<String, Object> parameters() {
            return params("perMinute", perMinute, "forSeconds", forSeconds);
        }
    }

    /** A group's {@code nat.flushAtSeconds}: every NAT mapping of the group is dropped at once. */
    record NatFlush(double atSeconds, String group) implements RunEvent {
        @Override
        public String kind() {
            return "natFlush";
        }

        @Override
        public Map<String, Object> parameters() {
            return params("group", group);
        }
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
