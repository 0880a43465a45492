package io.fleetsim.cli;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import java.io.PrintWriter;
import java.util.List;

/**
 * Tells the user when groups ask for the embedded bootstrap server ({@code bootstrap: true}, no
 * {@code uri}) where fleetsim starts none for them: a run against a target of the user's own (the
 * embedded servers, the bootstrap server among them, start only without one), and the agents of a
 * clustered run. Their devices would count every bootstrap as {@code bad-config}.
 */
final class BootstrapNotice {

    private BootstrapNotice() {
    }

    /**
     * Prints one warning line naming the groups that ask for an embedded bootstrap server the run
     * will not have: {@code embedded} says whether fleetsim starts its own servers, {@code clustered}
     * whether the devices run on agents. Nothing when every bootstrapping group names its server.
     */
    static void warnIfUnserved(Scenario scenario, boolean embedded, boolean clustered, PrintWriter err) {
        List<String> asking = scenario.groups().stream().filter(group -> group.target().embeddedBootstrap())
                .map(DeviceGroup::name).toList();
        if (asking.isEmpty() || embedded && !clustered) {
            return;
        }
        String why = !embedded ? "which fleetsim starts only with its embedded servers (a run without a target)"
                : "which the agents of a clustered run are not given";
        err.printf("fleetsim: warning: group(s) %s ask for the embedded bootstrap server (bootstrap: true), %s;"
                + " their devices will fail every bootstrap (bad-config): give them bootstrap.uri%n",
                String.join(", ", asking), why);
        err.flush();
    }
}
