package io.fleetsim.cli;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import java.io.PrintWriter;
import java.util.List;

/**
 * Tells the user when groups ask for the embedded bootstrap server ({@code bootstrap: true}, no
 * {@code uri}) where their devices cannot reach it: on the agents of a clustered run, which are not
 * given its address. Their devices would count every bootstrap as {@code bad-config}.
 */
final class BootstrapNotice {

    private BootstrapNotice() {
    }

    /**
     * Prints one warning line naming the groups that ask for the embedded bootstrap server when the
     * devices run on agents ({@code clustered}); nothing otherwise, or when every bootstrapping
     * group names its bootstrap server.
     */
    static void warnIfUnserved(Scenario scenario, boolean clustered, PrintWriter err) {
        List<String> asking = scenario.groups().stream().filter(group -> group.target().embeddedBootstrap())
                .map(DeviceGroup::name).toList();
        if (asking.isEmpty() || !clustered) {
            return;
        }
        err.printf("fleetsim: warning: group(s) %s ask for the embedded bootstrap server (bootstrap: true), whose"
                + " address the agents of a clustered run are not given; their devices will fail every bootstrap"
                + " (bad-config): give them bootstrap.uri%n", String.join(", ", asking));
        err.flush();
    }
}
