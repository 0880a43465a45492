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
        DnsSettings dns) {

    public Scenario {
        groups = List.copyOf(groups);
        thresholds = List.copyOf(thresholds);
        dns = dns == null ? DnsSettings.DEFAULT : dns;
    }

    /** A scenario with the system's DNS server, following TTLs. */
    public Scenario(String name, Path source, String target, List<DeviceGroup> groups, Arrival arrival,
            Duration lifetime, Duration updateInterval, Duration duration, double timeScale, CoapSettings coap,
            RetryPolicy registrationRetry, boolean deregisterAtEnd, List<Threshold> thresholds, ProbeSettings probe,
            RadioSettings radio) {
        this(name, source, target, groups, arrival, lifetime, updateInterval, duration, timeScale, coap,
                registrationRetry, deregisterAtEnd, thresholds, probe, radio, DnsSettings.DEFAULT);
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

    /** Total number of devices over all groups. */
    public int deviceCount() {
        return groups.stream().mapToInt(DeviceGroup::count).sum();
    }
}
