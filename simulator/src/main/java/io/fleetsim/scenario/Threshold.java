package io.fleetsim.scenario;

/**
 * A pass/fail rule such as {@code registration.p99 < 500ms}.
 *
 * @param expression the text as written in the scenario
 * @param metric     metric name, e.g. {@code registration.p99}
 * @param comparator how observed and limit are compared
 * @param limit      the limit in the metric's own unit (milliseconds for latencies, a ratio for ratios)
 * @param line       the line of the scenario file it was read from (0 when built in code)
 */
public record Threshold(String expression, String metric, Comparator comparator, double limit, int line) {

    public enum Comparator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("==");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double observed, double limit) {
            return switch (this) {
                case LT -> observed < limit;
                case LE -> observed <= limit;
                case GT -> observed > limit;
                case GE -> observed >= limit;
                case EQ -> observed == limit;
            };
        }
    }
}
