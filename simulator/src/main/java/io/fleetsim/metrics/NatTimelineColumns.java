package io.fleetsim.metrics;

import java.util.Locale;

/**
 * The NAT and reachability columns at the end of {@code timeline.csv}: live mappings and
 * reachable devices at the end of the period, exact reachability of the run so far, and per
 * period NAT expiries, rebindings, pings and CoAP bytes each way.
 */
final class NatTimelineColumns {

    private NatTimelineColumns() {
    }

    /** The columns, each with its leading comma. */
    static String values(RunTotals now, RunTotals before) {
        Double reachability = now.reachability();
        return String.format(Locale.ROOT, ",%d,%d,%s,%d,%d,%d,%d,%d", now.mappingsAlive(), now.reachableNow(),
                reachability == null ? "" : String.format(Locale.ROOT, "%.5f", reachability),
                delta(now, before, Counter.NAT_EXPIRIES), delta(now, before, Counter.NAT_REBINDINGS),
                delta(now, before, Counter.PINGS), bytes(now, true) - bytes(before, true),
                bytes(now, false) - bytes(before, false));
    }

    private static long delta(RunTotals now, RunTotals before, Counter counter) {
        return now.get(counter) - before.get(counter);
    }

    private static long bytes(RunTotals totals, boolean sent) {
        long sum = 0;
        for (TrafficKind kind : TrafficKind.values()) {
            sum += totals.get(sent ? kind.sentBytes() : kind.receivedBytes());
        }
        return sum;
    }
}
