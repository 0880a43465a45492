package io.fleetsim.engine;

import java.util.ArrayList;
import java.util.List;

import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;

/**
 * The devices of a run in start order with their start offsets. Groups are interleaved in
 * proportion to their size, so every group is spread over the whole arrival ramp.
 */
public record FleetPlan(List<DeviceIdentity> devices, long[] startOffsetsMillis) {

    public static FleetPlan of(Scenario scenario) {
        List<DeviceIdentity> devices = new ArrayList<>(scenario.deviceCount());
        List<DeviceGroup> groups = scenario.groups();
        int[] next = new int[groups.size()];
        int total = scenario.deviceCount();
        for (int placed = 0; placed < total; placed++) {
            int pick = -1;
            double best = Double.MAX_VALUE;
            for (int g = 0; g < groups.size(); g++) {
                if (next[g] < groups.get(g).count()) {
                    double position = (next[g] + 0.5) / groups.get(g).count();
                    if (position < best) {
                        best = position;
                        pick = g;
                    }
                }
            }
            DeviceGroup group = groups.get(pick);
            devices.add(new DeviceIdentity(endpointName(group, next[pick]), placed, group, next[pick]));
            next[pick]++;
        }
        return new FleetPlan(List.copyOf(devices), ArrivalSchedule.offsetsMillis(scenario.arrival(), total));
    }

    /** Endpoint name: the group prefix and the index in the group, zero-padded to six digits or more. */
    static String endpointName(DeviceGroup group, int index) {
        int width = Math.max(6, String.valueOf(group.count() - 1).length());
        return group.endpointPrefix() + String.format("%0" + width + "d", index);
    }
}
