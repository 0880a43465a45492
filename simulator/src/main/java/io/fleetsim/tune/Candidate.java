package io.fleetsim.tune;

/**
 * One keepalive setting a sweep tries.
 *
 * @param kind    which setting the value is
 * @param seconds the interval, simulated seconds
 */
public record Candidate(Kind kind, long seconds) {

    /** The scenario setting a candidate sets. */
    public enum Kind {
        /** {@code keepalive.coapPingSeconds} of the group. */
        PING("ping", "coapPingSeconds"),
        /** {@code updateIntervalSeconds}, Registration Updates only. */
        UPDATE("update", "updateIntervalSeconds");

        private final String label;
        private final String key;

        Kind(String label, String key) {
            this.label = label;
            this.key = key;
        }

        /** Short name used in directory names and tables. */
        public String label() {
            return label;
        }

        /** The sweep key that lists candidates of this kind. */
        public String key() {
            return key;
        }
    }

    /** e.g. {@code ping-60s}; also the cell's directory name. */
    public String label() {
        return kind.label() + "-" + seconds + "s";
    }
}
