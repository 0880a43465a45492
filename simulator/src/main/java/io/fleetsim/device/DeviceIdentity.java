package io.fleetsim.device;

import io.fleetsim.scenario.DeviceGroup;

/**
 * Who a virtual device is: its endpoint name, its index in the fleet and its group.
 * The values it reports (serial number, battery level) follow from the index, so runs repeat.
 */
public record DeviceIdentity(String endpoint, int index, DeviceGroup group) {

    public String serialNumber() {
        return String.format("FS%08d", index);
    }

    /** Battery level in percent, 20..100, fixed per device. */
    public long batteryLevel() {
        return 20 + Math.floorMod(index * 37L, 81);
    }
}
