package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The first lines of the report's summary table: how the run ended, reachability exact and
 * probed, NAT churn, reconnect time, DTLS and TLS handshakes, TCP/TLS connects, keepalive, traffic
 * cost, radio-on time and CPU by side. A block the
 * summary lacks (an older fleetsim) or that this run did not measure says so.
 */
final class HeadlineRows {

    static final String NOT_MEASURED = "not measured in this run";

    private HeadlineRows() {
    }

    static List<TableRow> of(RunSummary summary) {
        List<TableRow> rows = new ArrayList<>();
        if (summary.wasAborted()) {
            rows.add(new TableRow("Aborted", "yes, by " + orUnknown(summary.abortReason())
                    + ": the figures cover the part that ran"));
        }
        addReachability(rows, summary.reachability());
        addReconnect(rows, summary.reconnect());
        addNat(rows, summary.nat());
        rows.add(new TableRow("DTLS handshakes", handshakes(summary.handshake())));
        rows.add(new TableRow("TLS handshakes", tls(summary.tls())));
        rows.add(new TableRow("TCP/TLS connects", latency(summary.connections() == null ? null
                : summary.connections().connectMs(), "connects")));
        addDns(rows, summary.dns());
        addBootstrap(rows, summary.bootstrap());
        rows.add(new TableRow("Keepalive pings", pings(summary.keepalive())));
        rows.add(new TableRow("Traffic per device-hour", traffic(summary.traffic())));
        rows.add(new TableRow("Radio on per device-day", radio(summary.radio())));
        rows.add(new TableRow("CPU by side", cpu(summary.cpu())));
        return rows;
    }

    private static void addReachability(List<TableRow> rows, SummaryBlocks.Reachability r) {
        boolean exact = r != null && r.exact() != null;
        rows.add(new TableRow("Reachability (exact)", !exact ? NOT_MEASURED
                : Figures.percent(r.exact(), 2) + " (" + Figures.decimal(r.reachableDeviceHours()) + " of "
                        + Figures.decimal(r.observedDeviceHours()) + " device-hours)"));
        boolean probed = r != null && r.probed() != null && r.probes() != null && r.probes() > 0;
        rows.add(new TableRow("Reachability (probed)", !probed ? NOT_MEASURED + " (no probes)"
                : Figures.percent(r.probed(), 2) + " (" + Figures.count(r.probeSuccesses()) + " of "
                        + Figures.count(r.probes()) + " probes answered on first transmission, "
                        + Figures.count(r.probesSkipped()) + " skipped)"));
    }

    private static void addReconnect(List<TableRow> rows, SummaryBlocks.Reconnect reconnect) {
        rows.add(new TableRow("Reconnect after a NAT break", latency(reconnect == null ? null : reconnect.latencyMs(),
                "breaks")));
        rows.add(new TableRow("NAT break to first step back", latency(reconnect == null ? null : reconnect.detectMs(),
                "breaks")));
    }

    private static void addNat(List<TableRow> rows, SummaryBlocks.Nat nat) {
        if (nat == null || nat.mappingsCreated() == null || nat.mappingsCreated() == 0) {
            rows.add(new TableRow("NAT expiries / rebindings", NOT_MEASURED + " (no NAT)"));
            return;
        }
        rows.add(new TableRow("NAT expiries / rebindings", Figures.count(nat.expiries()) + " / "
                + Figures.count(nat.rebindings()) + " (" + Figures.decimal(nat.expiriesPerDeviceHour()) + " / "
                + Figures.decimal(nat.rebindingsPerDeviceHour()) + " per device-hour), "
                + Figures.count(nat.mappingsCreated()) + " mappings made, "
                + Figures.count(nat.flushed()) + " flushed"));
        long dropped = nat.dropped().values().stream().mapToLong(Long::longValue).sum();
        rows.add(new TableRow("NAT packets dropped", Figures.count(dropped) + CauseList.of(nat.dropped())));
        if (nat.abandonedConnections() != null && nat.abandonedConnections() > 0) {
            rows.add(new TableRow("Stale TCP connections", Figures.count(nat.abandonedConnections())
                    + " given up behind a dead mapping and left half-open on the server (their close could not"
                    + " pass the NAT)"));
        }
    }

    private static String handshakes(SummaryBlocks.Handshake h) {
        long ok = h == null || h.successes() == null ? 0 : h.successes();
        long failed = h == null || h.failureCount() == null ? 0 : h.failureCount();
        if (ok + failed == 0) {
            return NOT_MEASURED + " (no DTLS)";
        }
        String p99 = h.latencyMs() != null && h.latencyMs().measured()
                ? ", p99 " + Figures.duration(h.latencyMs().p99()) : "";
        return Figures.count(ok) + " established, " + Figures.count(failed) + " failed" + p99;
    }

    private static String tls(SummaryBlocks.Tls t) {
        long ok = t == null || t.handshakes() == null ? 0 : t.handshakes();
        long failed = t == null || t.failureCount() == null ? 0 : t.failureCount();
        if (ok + failed == 0) {
            return NOT_MEASURED + " (no TLS)";
        }
        return Figures.count(ok) + " established (" + Figures.count(t.resumedHandshakes()) + " resumed), "
                + Figures.count(failed) + " failed" + (failed == 0 ? "" : CauseList.of(t.failures()));
    }

    /**
     * CPU seconds of each side and what share of the run's core-seconds they took, and the busiest
     * thread's share of the wall time: a thread near 100 % is a side that saturated.
     */
    private static String cpu(SummaryBlocks.Cpu c) {
        if (c == null || c.seconds() == null || c.wallSeconds() == null || c.wallSeconds() <= 0 || c.cores() == null) {
            return NOT_MEASURED;
        }
        SummaryBlocks.CpuSeconds s = c.seconds();
        double capacity = c.wallSeconds() * c.cores();
        String sides = "simulator " + seconds(s.simulator(), capacity) + ", server " + seconds(s.server(), capacity)
                + ", JIT " + seconds(s.jit(), capacity) + ", GC " + seconds(s.gc(), capacity) + ", other "
                + seconds(s.other(), capacity) + " of " + Figures.decimal(round1(capacity)) + " core-seconds ("
                + c.cores() + " cores, " + Figures.decimal(round1(c.wallSeconds())) + " s)";
        if (c.busiestThreads().isEmpty() || c.busiestThreads().get(0).seconds() == null) {
            return sides;
        }
        SummaryBlocks.CpuThread busiest = c.busiestThreads().get(0);
        return sides + "; busiest thread " + busiest.name() + " (" + busiest.side() + ") "
                + Figures.percent(busiest.seconds() / c.wallSeconds(), 0) + " of the wall time";
    }

    private static String seconds(Double seconds, double capacity) {
        double value = seconds == null ? 0 : seconds;
        return Figures.decimal(round1(value)) + " s (" + Figures.percent(value / capacity, 0) + ")";
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static String radio(SummaryBlocks.Radio r) {
        if (r == null || r.activeSecondsPerDeviceDay() == null || r.transmissions() == null || r.transmissions() == 0) {
            return NOT_MEASURED;
        }
        return longDuration(r.activeSecondsPerDeviceDay()) + " ("
                + Figures.percent(r.activeSecondsPerDeviceDay() / 86_400, 1) + " of the day; "
                + Figures.count(Math.round(r.transmissionsPerDeviceDay())) + " transmissions per device-day, "
                + r.profile() + " with a " + Figures.decimal(r.tailSeconds()) + " s tail)";
    }

    /** Seconds as seconds, minutes or hours, e.g. {@code 47 s}, {@code 12.5 min}, {@code 11.1 h}. */
    /** Shown only when the run looked a host name up. */
    private static void addDns(List<TableRow> rows, SummaryBlocks.Dns dns) {
        if (dns == null || dns.lookups() == null || dns.lookups() == 0) {
            return;
        }
        rows.add(new TableRow("DNS lookups", Figures.count(dns.lookups()) + " lookups, "
                + Figures.count(dns.newAddresses()) + " gave a new address, " + Figures.count(dns.failures())
                + " failed"));
    }

    private static String longDuration(double seconds) {
        if (seconds < 60) {
            return Figures.decimal((double) Math.round(seconds)) + " s";
        }
        return seconds < 3600 ? Figures.decimal(Math.round(seconds / 6.0) / 10.0) + " min"
                : Figures.decimal(Math.round(seconds / 360.0) / 10.0) + " h";
    }

    private static String pings(SummaryBlocks.Keepalive k) {
        if (k == null || k.pings() == null || k.pings() == 0) {
            return NOT_MEASURED + " (no CoAP pings)";
        }
        return Figures.count(k.pings()) + " sent, " + Figures.count(k.pingFailures()) + " unanswered, "
                + Figures.count(k.reRegistrationsAfterBrokenPath()) + " registrations after a broken path";
    }

    private static String traffic(SummaryBlocks.Traffic traffic) {
        if (traffic == null || traffic.kinds().isEmpty()) {
            return NOT_MEASURED;
        }
        double messages = 0;
        double bytes = 0;
        for (SummaryBlocks.TrafficKind kind : traffic.kinds().values()) {
            messages += kind.messagesPerDeviceHour() == null ? 0 : kind.messagesPerDeviceHour();
            bytes += kind.bytesPerDeviceHour() == null ? 0 : kind.bytesPerDeviceHour();
        }
        return Figures.decimal(Math.round(messages * 10.0) / 10.0) + " messages, "
                + Figures.count(Math.round(bytes)) + " bytes (both directions)";
    }

    private static String latency(RunSummary.Latency latency, String what) {
        if (latency == null || !latency.measured()) {
            return NOT_MEASURED;
        }
        return "p50 " + Figures.duration(latency.p50()) + ", p99 " + Figures.duration(latency.p99()) + ", max "
                + Figures.duration(latency.max()) + " (" + Figures.count(latency.count()) + " " + what + ")";
    }

    /** LwM2M bootstrap, only when the run's devices bootstrapped: attempts, outcome by cause, latency. */
    private static void addBootstrap(List<TableRow> rows, RunSummary.Operation bootstrap) {
        if (bootstrap == null || bootstrap.attempts() == null || bootstrap.attempts() == 0) {
            return;
        }
        long failed = bootstrap.failures().values().stream().mapToLong(Long::longValue).sum();
        rows.add(new TableRow("LwM2M bootstraps", Figures.count(bootstrap.successes()) + " of "
                + Figures.count(bootstrap.attempts()) + " attempts finished, " + Figures.count(failed) + " failed"
                + CauseList.of(bootstrap.failures())
                + (bootstrap.unfinished() != null && bootstrap.unfinished() > 0
                        ? ", " + Figures.count(bootstrap.unfinished()) + " unfinished" : "")));
        rows.add(new TableRow("Bootstrap latency", latency(bootstrap.latencyMs(), "bootstraps")));
    }

    private static String orUnknown(String text) {
        return text == null ? "an unknown cause" : text;
    }
}
