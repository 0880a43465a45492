package io.fleetsim.scenario;

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
 * @param behaviour      the devices' objects, notifications and reboot time
 */
public record DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
        Security security, Keepalive keepalive, NatSettings nat, DeviceBehaviour behaviour) {

    /** A group whose devices have only the Server and Device objects. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport,
            Security security, Keepalive keepalive, NatSettings nat) {
        this(name, count, endpointPrefix, transport, security, keepalive, nat, DeviceBehaviour.DEFAULT);
    }

    /** A group of plain devices with default keepalive and no NAT. */
    public DeviceGroup(String name, int count, String endpointPrefix, Transport transport) {
        this(name, count, endpointPrefix, transport, Security.NONE, Keepalive.DEFAULT, NatSettings.NONE);
    }

    /** The same group with another device count. */
    public DeviceGroup withCount(int newCount) {
        return new DeviceGroup(name, newCount, endpointPrefix, transport, security, keepalive, nat, behaviour);
    }
}
