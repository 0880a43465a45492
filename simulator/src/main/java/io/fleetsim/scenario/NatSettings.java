package io.fleetsim.scenario;

import java.util.List;

/**
 * The emulated carrier NAT between a group's devices and the server (see {@code nat} in
 * docs/scenarios.md). Times are simulated time.
 *
 * @param enabled        false when the devices reach the server directly
 * @param profile        the carrier profile the settings started from, or null
 * @param timeouts       the UDP mapping timeouts a device may get (udp and dtls), drawn per device by weight
 * @param inboundRefresh whether packets from the server alone keep a live mapping alive (Linux: yes)
 * @param portAllocation how a new mapping picks its external port
 * @param filtering      which inbound packets a live mapping lets through
 * @param uplinkLoss     share of device-to-server packets dropped, 0..1
 * @param downlinkLoss   share of server-to-device packets dropped, 0..1
 * @param delayMillis    one-way delay added in each direction
 * @param jitterMillis   up to this much more delay, drawn per packet
 * @param flushAtSeconds moments at which every mapping is dropped at once (a NAT reboot)
 * @param seed           seed of the per-device timeout draw and of loss and jitter
 * @param tcpExpiry      what a tcp or tls connection meets after its mapping expired
 * @param tcpTimeouts    the idle timeouts of an established tcp or tls connection, drawn per device
 *                       by weight (each option's {@code streamSeconds} is the timeout)
 * @param deadMappingHoldSeconds how long a udp or dtls device's expired mapping keeps its socket
 *                       open to drop and count what the server still sends to it; 0 closes it at once
 */
public record NatSettings(boolean enabled, String profile, List<TimeoutOption> timeouts, boolean inboundRefresh,
        PortAllocation portAllocation, Filtering filtering, double uplinkLoss, double downlinkLoss,
        double delayMillis, double jitterMillis, List<Double> flushAtSeconds, long seed,
        TcpExpiry tcpExpiry, List<TimeoutOption> tcpTimeouts, double deadMappingHoldSeconds) {

    /** Linux conntrack's UDP defaults: 30 s unreplied, 120 s once a stream. */
    public static final TimeoutOption LINUX_UDP = new TimeoutOption(30, 120, 1);

    /**
     * How long an expired UDP mapping's socket stays open by default: a CoAP server retransmits a
     * confirmable request for up to MAX_TRANSMIT_WAIT, 93 s with RFC 7252's defaults.
     */
    public static final double DEFAULT_DEAD_MAPPING_HOLD_SECONDS = 93;

    /** No NAT: devices reach the server directly. */
    public static final NatSettings NONE = new NatSettings(false, null, List.of(LINUX_UDP), true,
            PortAllocation.RANDOM, Filtering.ADDRESS_AND_PORT_DEPENDENT, 0, 0, 0, 0, List.of(), 1, TcpExpiry.DROP);

    public NatSettings {
        timeouts = List.copyOf(timeouts);
        flushAtSeconds = List.copyOf(flushAtSeconds);
        tcpTimeouts = List.copyOf(tcpTimeouts);
    }

    /**
     * Settings whose tcp and tls connections time out after the stream timeouts of {@code timeouts},
     * and whose dead UDP mappings keep their sockets for {@link #DEFAULT_DEAD_MAPPING_HOLD_SECONDS}.
     */
    public NatSettings(boolean enabled, String profile, List<TimeoutOption> timeouts, boolean inboundRefresh,
            PortAllocation portAllocation, Filtering filtering, double uplinkLoss, double downlinkLoss,
            double delayMillis, double jitterMillis, List<Double> flushAtSeconds, long seed, TcpExpiry tcpExpiry) {
        this(enabled, profile, timeouts, inboundRefresh, portAllocation, filtering, uplinkLoss, downlinkLoss,
                delayMillis, jitterMillis, flushAtSeconds, seed, tcpExpiry, timeouts, DEFAULT_DEAD_MAPPING_HOLD_SECONDS);
    }

    /** The timeouts a device of {@code transport} gets: {@link #tcpTimeouts} for tcp and tls, else {@link #timeouts}. */
    public List<TimeoutOption> timeoutsFor(Transport transport) {
        return transport.isStream() ? tcpTimeouts : timeouts;
    }

    /**
     * One choice of mapping timeouts. A single idle timeout has both fields equal; a uniform
     * distribution of idle timeouts has both at its low end and {@code upToSeconds} at its high end.
     *
     * @param unrepliedSeconds timeout of a mapping that has not earned the stream timeout
     * @param streamSeconds    timeout once a packet came after a reply and more than 2 s after creation
     * @param weight           relative share of devices that get this choice
     * @param upToSeconds      above {@code streamSeconds}: each device draws its idle timeout uniformly
     *                         between the two
     */
    public record TimeoutOption(double unrepliedSeconds, double streamSeconds, double weight, double upToSeconds) {

        /** A choice of fixed timeouts. */
        public TimeoutOption(double unrepliedSeconds, double streamSeconds, double weight) {
            this(unrepliedSeconds, streamSeconds, weight, streamSeconds);
        }

        /** Whether each device draws its timeout from a range. */
        public boolean isRange() {
            return upToSeconds > streamSeconds;
        }
    }

    /** How a new mapping picks its external port. */
    public enum PortAllocation {
        /** A new port each time, as carrier-grade NATs do. */
        RANDOM,
        /** The device's previous port when it is free, as Linux masquerade does. */
        PRESERVE
    }

    /** What a TCP connection meets after its mapping expired (see docs/scenarios.md, {@code nat}). */
    public enum TcpExpiry {
        /** Strict tracking: every segment either way is dropped until a timer on one side gives up. */
        DROP,
        /** Loose tracking: the device's next segment draws a reset from the server. */
        RST
    }

    /** Which inbound packets a live mapping lets through, named as in RFC 4787, section 5. */
    public enum Filtering {
        /** Any source may send to the mapping. */
        ENDPOINT_INDEPENDENT,
        /** Only the address the device sent to, from any port. */
        ADDRESS_DEPENDENT,
        /** Only the address and port the device sent to. */
        ADDRESS_AND_PORT_DEPENDENT
    }
}
