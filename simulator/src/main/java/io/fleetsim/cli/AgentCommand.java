package io.fleetsim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.fleetsim.engine.RunAbort;
import io.fleetsim.engine.cluster.Agent;
import io.fleetsim.engine.cluster.ClusterException;
import io.fleetsim.engine.cluster.ClusterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fleetsim agent}: joins a cluster and runs, run after run, the share of the fleet a
 * coordinator ({@code fleetsim run --cluster}) gives it, until SIGINT or SIGTERM.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        description = "Join a fleetsim cluster and run the devices a coordinator (fleetsim run --cluster) gives this "
                + "process, until stopped (Ctrl-C, SIGTERM). See docs/cluster.md.")
final class AgentCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SharedOptions.Cluster cluster;

    @Option(names = "--shards", paramLabel = "N", description = "event loops for devices (default: one per core)")
    int shards;

    @Option(names = "--name", paramLabel = "NAME",
            description = "this agent's name in the run (groups pinned to it with `agents` run here); "
                    + "default: agent-N, given by the coordinator")
    String name;

    @Override
    public Integer call() {
        if (shards < 0) {
            throw new BadInputException("--shards: " + shards + " is not a number of event loops (0 or more)");
        }
        if (name != null && (name.isBlank() || !name.strip().equals(name) || name.length() > 100)) {
            throw new BadInputException("--name: '" + name + "' is not an agent name (1 to 100 characters, "
                    + "no leading or trailing spaces)");
        }
        ClusterSettings settings = cluster.settings();
        PrintWriter out = spec.commandLine().getOut();
        RunAbort stop = new RunAbort();
        Agent agent;
        try {
            agent = Agent.start(settings, shards, name);
        } catch (ClusterException e) {
            spec.commandLine().getErr().println("fleetsim: " + e.getMessage());
            return ExitCodes.ABORTED;
        }
        out.printf("fleetsim agent: joined the %s; waiting for a coordinator%n", settings);
        out.flush();
        try (StopSignals signals = StopSignals.install(stop)) {
            agent.serve(stop::isRequested);
        } finally {
            agent.close();
        }
        out.println("fleetsim agent: left the cluster");
        out.flush();
        return ExitCodes.PASS;
    }
}
