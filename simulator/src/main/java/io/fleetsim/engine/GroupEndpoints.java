package io.fleetsim.engine;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;
import io.fleetsim.transport.GroupTargets;
import io.fleetsim.transport.HostAddress;
import io.fleetsim.transport.HostAddresses;
import io.fleetsim.transport.ServerEndpoint;
import io.fleetsim.transport.TransportEndpoints;

/**
 * Where the devices of each group go, worked out before the run: the group's own {@code target},
 * or the run's server for the group's transport; each host name looked up once for the whole
 * fleet ({@link HostAddresses}). A group that follows DNS shares the name's followed address; one
 * that does not (and every dtls group, whose sessions belong to one address) keeps the first answer.
 */
public final class GroupEndpoints {

    private GroupEndpoints() {
    }

    /** Whether some group looks its server's name up again after the TTL. */
    static boolean anyFollows(Scenario scenario) {
        return scenario.groups().stream().anyMatch(g -> g.target().followDns() && g.transport() != Transport.DTLS);
    }

    /** How the host names of {@code scenario}'s servers are looked up, with the lookups counted in {@code metrics}. */
    public static HostAddresses hostAddresses(Scenario scenario, ShardMetrics metrics) {
        return new HostAddresses(scenario.dns().serverAddress(), anyFollows(scenario), metrics);
    }

    /** The endpoint of every group of {@code scenario}, whose servers are {@code target} (names not yet resolved). */
    static GroupTargets of(Scenario scenario, RunTarget target, HostAddresses hosts) {
        Map<String, ServerEndpoint> byGroup = new LinkedHashMap<>();
        for (DeviceGroup group : scenario.groups()) {
            TransportEndpoints.HostPort server = group.target().hasOwnUri() ? hostPort(group.target().uri())
                    : target.endpointFor(group.transport());
            if (server == null) {
                continue; // a dtls group with no CoAPS endpoint: its devices fail as they always did
            }
            ServerEndpoint endpoint = new ServerEndpoint(server.host(), server.port(),
                    server.address() != null && !server.address().equals(server.host())
                            ? HostAddress.fixed(server.host(), server.address())
                            : hosts.address(server.host()));
            boolean follows = group.target().followDns() && group.transport() != Transport.DTLS;
            byGroup.put(group.name(), follows ? endpoint : endpoint.snapshot());
        }
        return GroupTargets.of(byGroup);
    }

    /**
     * The address the devices bind to: loopback when every group's server is on loopback (IPv4 or
     * IPv6), the wildcard address otherwise.
     */
    static String bindHost(Scenario scenario, GroupTargets targets, String mainAddress) {
        String bind = null;
        for (DeviceGroup group : scenario.groups()) {
            ServerEndpoint endpoint;
            try {
                endpoint = targets.of(group);
            } catch (IllegalStateException noEndpoint) {
                continue;
            }
            String host = FleetEngine.bindHostFor(endpoint.address().current());
            if (bind != null && !bind.equals(host)) {
                return "0.0.0.0";
            }
            bind = host;
        }
        return bind != null ? bind : FleetEngine.bindHostFor(mainAddress);
    }

    private static TransportEndpoints.HostPort hostPort(String uri) {
        URI parsed = URI.create(uri);
        return new TransportEndpoints.HostPort(parsed.getHost().replaceAll("^\\[|]$", ""), parsed.getPort());
    }
}
