package io.fleetsim.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run does, as read from a scenario file. Immutable; built by {@link ScenarioLoader}.
 *
 * @param name         scenario name, used in the results directory name
 * @param source       the file it was read from (null when built in code)
 * @param target       {@code coap://host:port} of the LwM2M server, or null for the embedded server
 * @param groups       device groups, in file order (at least one)
 * @param arrival      how devices start
 * @param lifetime     registration lifetime sent with Register (simulated time)
 * @param updateInterval time between Registration Updates (simulated time)
 * @param duration     how long the run lasts in simulated time, counted from the first device start
 * @param timeScale    simulated seconds per wall second for every protocol timer
 * @param coap         CoAP transmission parameters
 * @param registrationRetry back-off of a device whose registration failed
 * @param deregisterAtEnd whether devices send De-register when the run ends
 * @param thresholds   pass/fail rules judged on the recorded results
 * @param probe        reachability probes sent by the embedded server ({@link ProbeSettings#NONE}: none)
 * @param radio        the devices' radio model, for their radio-on time
 * @param server       protections of the embedded server ({@link ServerSettings#NONE}: none)
 * @param events       things that happen during the run (top-level {@code events}), in time order
 * @param dns          the DNS server the target's names are looked up with, and whether they are followed
 */
public record Scenario(
        String name,
        Path source,
        String target,
        List<DeviceGroup> groups,
        Arrival arrival,
        Duration lifetime,
        Duration updateInterval,
        Duration duration,
        double timeScale,
        CoapSettings coap,
        RetryPolicy registrationRetry,
        boolean deregisterAtEnd,
        List<Threshold> thresholds,
        ProbeSettings probe,
        RadioSettings radio,
        ServerSettings server,
        List<RunEvent> events,
        DnsSettings dns) {

    public Scenario {
        groups = List.copyOf(groups);
        thresholds = List.copyOf(thresholds);
        server = server == null ? ServerSettings.NONE : server;
        events = events == null ? List.of() : List.copyOf(events);
        dns = dns == null ? DnsSettings.DEFAULT : dns;
    }

    /** A scenario with protections of the embedded server, without events, with the default DNS. */
    public Scenario(String name, Path source, String target, List<DeviceGroup> groups, Arrival arrival,
            Duration lifetime, Duration updateInterval, Duration duration, double timeScale, CoapSettings coap,
            RetryPolicy registrationRetry, boolean deregisterAtEnd, List<Threshold> thresholds, ProbeSettings probe,
            RadioSettings radio, ServerSettings server) {
        this(name, source, target, groups, arrival, lifetime, updateInterval, duration, timeScale, coap,
                registrationRetry, deregisterAtEnd, thresholds, probe, radio, server, List.of(), DnsSettings.DEFAULT);
    }

    /** A scenario with events, without protections of the embedded server, with the default DNS. */
    public Scenario(String name, Path source, String target, List<DeviceGroup> groups, Arrival arrival,
            Duration lifetime, Duration updateInterval, Duration duration, double timeScale, CoapSettings coap,
            RetryPolicy registrationRetry, boolean deregisterAtEnd, List<Threshold> thresholds, ProbeSettings probe,
            RadioSettings radio, List<RunEvent> events) {
        this(name, source, target, groups, arrival, lifetime, updateInterval, duration, timeScale, coap,
                registrationRetry, deregisterAtEnd, thresholds, probe, radio, ServerSettings.NONE, events, DnsSettings.DEFAULT);
    }

    /** A scenario with its own DNS settings, without protections or events. */
    public Scenario(String name, Path source, String target, List<DeviceGroup> groups, Arrival arrival,
            Duration lifetime, Duration updateInterval, Duration duration, double timeScale, CoapSettings coap,
            RetryPolicy registrationRetry, boolean deregisterAtEnd, List<Threshold> thresholds, ProbeSettings probe,
            RadioSettings radio, DnsSettings dns) {
        this(name, source, target, groups, arrival, lifetime, updateInterval, duration, timeScale, coap,
                registrationRetry, deregisterAtEnd, thresholds, probe, radio, ServerSettings.NONE, List.of(), dns);
    }

    /** A scenario without protections of the embedded server, without events, with the default DNS. */
    public Scenario(String name, Path source, String target, List<DeviceGroup> groups, Arrival arrival,
            Duration lifetime, Duration updateInterval, Duration duration, double timeScale, CoapSettings coap,
            RetryPolicy registrationRetry, boolean deregisterAtEnd, List<Threshold> thresholds, ProbeSettings probe,
            RadioSettings radio) {
        this(name, source, target, groups, arrival, lifetime, updateInterval, duration, timeScale, coap,
                registrationRetry, deregisterAtEnd, thresholds, probe, radio, ServerSettings.NONE, List.of(),
                DnsSettings.DEFAULT);
    }

    /** A scenario with the default radio model. */
    public Scenario(String name, Path source, String target, List<DeviceGroup> groups, Arrival arrival,
            Duration lifetime, Duration updateInterval, Duration duration, double timeScale, CoapSettings coap,
            RetryPolicy registrationRetry, boolean deregisterAtEnd, List<Threshold> thresholds, ProbeSettings probe) {
        this(name, source, target, groups, arrival, lifetime, updateInterval, duration, timeScale, coap,
                registrationRetry, deregisterAtEnd, thresholds, probe, RadioSettings.DEFAULT);
    }

    /** A scenario without reachability probes. */
    public Scenario(String name, Path source, String target, List<DeviceGroup> groups, Arrival arrival,
            Duration lifetime, Duration updateInterval, Duration duration, double timeScale, CoapSettings coap,
            RetryPolicy registrationRetry, boolean deregisterAtEnd, List<Threshold> thresholds) {
        this(name, source, target, groups, arrival, lifetime, updateInterval, duration, timeScale, coap,
                registrationRetry, deregisterAtEnd, thresholds, ProbeSettings.NONE, RadioSettings.DEFAULT);
    }

    /**
     * Every event of the run in time order: the top-level {@code events} and each group's NAT
     * flushes ({@code nat.flushAtSeconds}).
     */
    public List<RunEvent> allEvents() {
        List<RunEvent> all = new java.util.ArrayList<>(events);
        for (DeviceGroup group : groups) {
            for (double at : group.nat().flushAtSeconds()) {
                all.add(new RunEvent.NatFlush(at, group.name()));
            }
        }
        all.sort(java.util.Comparator.comparingDouble(RunEvent::atSeconds));
        return all;
    }

    /** How the devices of {@code group} retry a failed registration: the group's own way, else the scenario's. */
    public RetryPolicy registrationRetry(DeviceGroup group) {
        return group.registrationRetry() != null ? group.registrationRetry() : registrationRetry;
    }

    /** The registration lifetime of {@code group}'s devices: the group's own, else the scenario's. */
    public Duration lifetime(DeviceGroup group) {
        return group.lifetime() != null ? group.lifetime() : lifetime;
    }

    /** The time between {@code group}'s Registration Updates: the group's own, else the scenario's. */
    public Duration updateInterval(DeviceGroup group) {
        return group.updateInterval() != null ? group.updateInterval() : updateInterval;
    }

    /** The reconnect storms among the run's events, in time order. */
    public List<RunEvent.ReconnectStorm> reconnectStorms() {
        return events.stream().filter(RunEvent.ReconnectStorm.class::isInstance)
                .map(RunEvent.ReconnectStorm.class::cast).toList();
    }

    /** Total number of devices over all groups. */
    public int deviceCount() {
        return groups.stream().mapToInt(DeviceGroup::count).sum();
    }
}
