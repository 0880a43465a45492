package io.fleetsim.device;

import io.fleetsim.scenario.DeviceGroup;

/**
 * Who a virtual device is: its endpoint name, its index in the fleet and its group.
 * The values it reports (serial number, battery level) follow from the index, so runs repeat.
 *
 * @param indexInGroup the device's index among the devices of its group: picks its source address
 */
public record DeviceIdentity(String endpoint, int index, DeviceGroup group, int indexInGroup) {

    /** A device whose index in its group is its index in the fleet (a one-group fleet, a test). */
    public DeviceIdentity(String endpoint, int index, DeviceGroup group) {
        this(endpoint, index, group, index);
    }

    /** The local address the device binds to: one of its group's source addresses, else {@code fallback}. */
    public String sourceAddress(String fallback) {
        return group.sourceAddresses().of(indexInGroup, fallback);
    }

    public String serialNumber() {
        return String.format("FS%08d", index);
    }

    /** Battery level in percent, 20..100, fixed per device. */
    public long batteryLevel() {
        return 20 + Math.floorMod(index * 37L, 81);
    }
}
