package io.fleetsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.fleetsim.engine.ServerHost;
import io.fleetsim.engine.cluster.ClusterException;
import io.fleetsim.engine.cluster.ClusterNode;
import io.fleetsim.engine.cluster.ClusterSettings;
import io.fleetsim.engine.cluster.Coordinator;
import io.fleetsim.engine.cluster.ScenarioSpec;
import io.fleetsim.scenario.Scenario;

/** The clustered part of {@code fleetsim run --cluster}: its flags checked, the cluster joined, the agents gathered. */
final class ClusterRun implements AutoCloseable {

    private final ClusterSettings settings;
    private final int agents;
    private final Duration timeout;
    private final List<String> pinned;
    private ClusterNode node;
    private Coordinator coordinator;

    private ClusterRun(ClusterSettings settings, int agents, Duration timeout, List<String> pinned) {
        this.settings = settings;
        this.agents = agents;
        this.timeout = timeout;
        this.pinned = pinned;
    }

    /** A run without a cluster: refuses the cluster flags. */
    static ClusterRun none(RunCommand run) {
        if (run.agents != null || run.cluster.any()) {
            throw new BadInputException((run.agents != null ? "--agents" : "the --cluster-* and --members options")
                    + ": only with --cluster");
        }
        return new ClusterRun(null, 0, Duration.ZERO, List.of());
    }

    /**
     * Checks the flags of a clustered run of {@code scenario} before anything starts; {@code serverHost}
     * is the address the embedded servers will listen on ({@code --server-host}, checked).
     */
    static ClusterRun check(RunCommand run, Scenario scenario, String serverHost) {
        int agents = run.agents == null ? 1 : run.agents;
        if (agents < 1) {
            throw new BadInputException("--agents: " + agents + " is not a number of agents (1 or more)");
        }
        if (run.agentTimeoutSeconds < 1) {
            throw new BadInputException("--agent-timeout: " + run.agentTimeoutSeconds
                    + " is not a number of seconds (1 or more)");
        }
        if (run.shards != 0) {
            throw new BadInputException("--shards: with --cluster each agent chooses its event loops (fleetsim agent --shards)");
        }
        List<String> pinned = scenario.groups().stream().flatMap(g -> g.agents().stream()).distinct().toList();
        if (pinned.size() > agents) {
            throw new BadInputException("--agents: " + agents + ", but the scenario pins groups to " + pinned.size()
                    + " agents " + pinned + " (groups[].agents); run with --agents " + pinned.size() + " or more");
        }
        ClusterSettings settings = run.cluster.settings();
        if (scenario.target() == null && !ServerHost.isLoopback(settings.host()) && ServerHost.isLoopback(serverHost)) {
            throw new BadInputException("--cluster-host " + settings.host() + ": the embedded servers listen on "
                    + serverHost + " only, which agents on other machines cannot reach; give --server-host "
                    + "ADDRESS, an address of this machine the agents can reach (e.g. --server-host "
                    + settings.host() + "), give the scenario a target (--target), or keep the cluster on 127.0.0.1");
        }
        return new ClusterRun(settings, agents, Duration.ofSeconds(run.agentTimeoutSeconds), pinned);
    }

    /**
     * Joins the cluster and waits for the agents; null for a run without a cluster.
     *
     * @throws ClusterException when the agents did not come (the cluster left again)
     */
    Coordinator gather(PrintWriter out) {
        if (settings == null) {
            return null;
        }
        out.printf("fleetsim: coordinator in the %s, waiting up to %d s for %d agent%s%n", settings, timeout.toSeconds(),
                agents, agents == 1 ? "" : "s");
        out.flush();
        try {
            node = ClusterNode.join(settings);
            coordinator = Coordinator.gather(node, agents, timeout, pinned);
            return coordinator;
        } catch (ClusterException e) {
            close();
            throw e;
        }
    }

    ScenarioSpec spec(Path file, Integer devices, SharedOptions.ScenarioClock clock) {
        return ScenarioSpec.of(file, devices == null ? null : devices.longValue(), clock.durationSeconds, clock.timeScale);
    }

    @Override
    public void close() {
        if (coordinator != null) {
            coordinator.close();
            coordinator = null;
        }
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
