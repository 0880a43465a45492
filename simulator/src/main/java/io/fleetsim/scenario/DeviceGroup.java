package io.fleetsim.scenario;

/**
 * A set of identical devices.
 *
 * @param name           group name (defaults to the endpoint prefix)
 * @param count          number of devices, at least 1
 * @param endpointPrefix endpoint names are prefix + zero-padded index
 * @param transport      how the devices reach the server
 */
public record DeviceGroup(String name, int count, String endpointPrefix, Transport transport) {
}
