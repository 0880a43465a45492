package io.fleetsim.scenario;

import java.time.Duration;

/**
 * A set of identical devices.
 *
 * @param name           group name (defaults to the endpoint prefix)
 * @param count          number of devices, at least 1
 * @param endpointPrefix endpoint names are prefix + zero-padded index
 * @param transport      how the devices reach the server
 * @param security       credentials and (D)TLS options; {@link Security#NONE} for plain CoAP
 * @param keepalive      how the devices keep their path to the server alive
 * @param nat            the emulated carrier NAT between the devices and the server, or {@link NatSettings#NONE}
 * @param arrival        the group's own arrival, or null when it follows the scenario's
 * @param target         the group's own server and DNS behaviour, or {@link GroupTarget#DEFAULT}
 * @param sourceAddresses local addresses the devices bind to, or {@link SourceAddresses#NONE}
 * @param behaviour      the devices' objects, notifications and reboot time
 * @param registrationRetry the group's own way to retry a failed registration, or null when it
 *                       follows the scenario's ({@link Scenario#registrationRetry(DeviceGroup)})
 * @param lifetime       the group's own registration lifetime, or null for the scenario's
 *                       ({@link Scenario#lifetime(DeviceGroup)})
 * @param updateInterval the group's own time between Updates, or null for the scenario's
 *                       ({@link Scenario#updateInterval(DeviceGroup)})
 * @param binding        the binding the devices register with, or null for the transport's
 * @param agents         in a clustered run, the names of the agents ({@code fleetsim agent --name})
 *                       that run this group's devices; empty: every agent has its part
 */
public record DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
        Security security, Keepalive keepalive, NatSettings nat, Arrival arrival, GroupTarget target,
        SourceAddresses sourceAddresses, DeviceBehaviour behaviour, RetryPolicy registrationRetry,
        Duration lifetime, Duration updateInterval, String binding, java.util.List<String> agents) {

    /** A group whose devices every agent of a clustered run has its part of. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat, Arrival arrival, GroupTarget target,
            SourceAddresses sourceAddresses, DeviceBehaviour behaviour, RetryPolicy registrationRetry,
            Duration lifetime, Duration updateInterval, String binding) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, arrival, target, sourceAddresses,
                behaviour, registrationRetry, lifetime, updateInterval, binding, java.util.List.of());
    }

    /** A group with the scenario's lifetime and update interval and its transport's binding. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat, Arrival arrival, GroupTarget target,
            SourceAddresses sourceAddresses, DeviceBehaviour behaviour, RetryPolicy registrationRetry) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, arrival, target, sourceAddresses,
                behaviour, registrationRetry, null, null, null);
    }

    /** A group that retries as the scenario says. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat, Arrival arrival, GroupTarget target,
            SourceAddresses sourceAddresses, DeviceBehaviour behaviour) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, arrival, target, sourceAddresses,
                behaviour, null);
    }

    public DeviceGroup {
        behaviour = behaviour == null ? DeviceBehaviour.DEFAULT : behaviour;
        target = target == null ? GroupTarget.DEFAULT : target;
        sourceAddresses = sourceAddresses == null ? SourceAddresses.NONE : sourceAddresses;
        agents = agents == null ? java.util.List.of() : java.util.List.copyOf(agents);
    }

    /** A group that follows the scenario's arrival, goes to the run's target, from the run's one bind address. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, null, GroupTarget.DEFAULT,
                SourceAddresses.NONE, DeviceBehaviour.DEFAULT);
    }

    /** A group with its own arrival that goes to the run's target. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat, Arrival arrival) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, arrival, GroupTarget.DEFAULT,
                SourceAddresses.NONE, DeviceBehaviour.DEFAULT);
    }

    /** A group that follows the scenario's arrival, with its own target. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat, GroupTarget target) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, null, target, SourceAddresses.NONE,
                DeviceBehaviour.DEFAULT);
    }

    /** A group whose devices bind to {@code sourceAddresses}. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat, SourceAddresses sourceAddresses) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, null, GroupTarget.DEFAULT,
                sourceAddresses, DeviceBehaviour.DEFAULT);
    }

    /** A group whose devices have {@code behaviour}'s objects and notifications. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat, DeviceBehaviour behaviour) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, null, GroupTarget.DEFAULT,
                SourceAddresses.NONE, behaviour);
    }

    /** A group of plain devices with default keepalive and no NAT. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport) {
        this(name, count, endpointPrefix, transport, Security.NONE, Keepalive.DEFAULT, NatSettings.NONE);
    }

    /** The same group with another device count. */
    public DeviceGroup withCount(int newCount) {
        return new DeviceGroup(name, newCount, endpointPrefix, transport, security, keepalive, nat, arrival,
                target, sourceAddresses, behaviour, registrationRetry, lifetime, updateInterval, binding, agents);
    }

    /** The same group retrying a failed registration by {@code policy}. */
    public DeviceGroup withRegistrationRetry(RetryPolicy policy) {
        return new DeviceGroup(name, count, endpointPrefix, transport, security, keepalive, nat, arrival, target,
                sourceAddresses, behaviour, policy, lifetime, updateInterval, binding, agents);
    }
}
