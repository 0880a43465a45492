package io.fleetsim.cli;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import java.io.PrintWriter;
import java.util.List;

/**
 * Tells the user that a scenario's {@code bootstrap} / {@code bootstrapTarget} is accepted but not
 * acted on: fleetsim's devices do not bootstrap yet and register at the group's target directly.
 */
final class BootstrapNotice {

    private BootstrapNotice() {
    }

    /** Prints one warning line naming the groups that ask for bootstrap; nothing when none does. */
    static void warnIfAsked(Scenario scenario, PrintWriter err) {
        List<String> asking = scenario.groups().stream().filter(group -> group.target().bootstrap())
                .map(DeviceGroup::name).toList();
        if (asking.isEmpty()) {
            return;
        }
        err.printf("fleetsim: warning: group(s) %s ask for LwM2M bootstrap, which fleetsim's devices do not do yet;"
                + " they register at the group's target directly%n", String.join(", ", asking));
        err.flush();
    }
}
