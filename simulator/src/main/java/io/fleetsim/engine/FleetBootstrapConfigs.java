package io.fleetsim.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.fleetsim.device.DeviceObjects;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.PskCredentials;
import io.fleetsim.server.bootstrap.BootstrapConfig;
import io.fleetsim.server.bootstrap.BootstrapConfigSource;

/**
 * What the embedded bootstrap server hands out to the devices of a run, worked out per request
 * from the scenario's groups rather than stored per device: a device of a group that asks for the
 * embedded bootstrap server gets one LwM2M server account, the group's own {@code target} or else
 * the embedded server of its transport, with the group's lifetime and binding. A udp or tcp group
 * gets a NoSec account; a dtls group with {@code psk} gets its PSK identity and key (the ones
 * {@link io.fleetsim.server.FleetSecurityStore} accepts). Endpoints of other groups, and of groups
 * whose credentials the bootstrap server cannot hand out (rpk, x509, tls), get nothing: the server
 * answers their Bootstrap-Request with 4.00.
 */
final class FleetBootstrapConfigs implements BootstrapConfigSource {

    private final List<DeviceGroup> groups;
    private final Map<Transport, String> serverUris;
    private final Function<DeviceGroup, Duration> lifetimes;

    /**
     * @param groups     the run's groups; only those asking for the embedded bootstrap server are served
     * @param serverUris the URI of the run's server of each transport, for groups without a target of their own
     * @param lifetimes  each group's registration lifetime
     */
    FleetBootstrapConfigs(List<DeviceGroup> groups, Map<Transport, String> serverUris,
            Function<DeviceGroup, Duration> lifetimes) {
        this.groups = groups.stream().filter(g -> g.target().embeddedBootstrap()).toList();
        this.serverUris = Map.copyOf(serverUris);
        this.lifetimes = lifetimes;
    }

    /** Whether the bootstrap server can hand {@code group}'s devices an account they can use. */
    static boolean canServe(DeviceGroup group) {
        return switch (group.transport()) {
            case UDP, TCP -> true;
            case DTLS -> group.security().mode() == Security.Mode.PSK;
            case TLS -> false;
        };
    }

    @Override
    public Optional<BootstrapConfig> configFor(String endpoint) {
        return groups.stream().filter(g -> endpoint.startsWith(g.endpointPrefix())).findFirst()
                .filter(FleetBootstrapConfigs::canServe)
                .flatMap(group -> config(group, endpoint));
    }

    private Optional<BootstrapConfig> config(DeviceGroup group, String endpoint) {
        String uri = group.target().hasOwnUri() ? group.target().uri() : serverUris.get(group.transport());
        if (uri == null) {
            return Optional.empty();
        }
        long lifetime = lifetimes.apply(group).toSeconds();
        String binding = DeviceObjects.binding(group);
        if (group.transport() != Transport.DTLS) {
            return Optional.of(BootstrapConfig.noSec(uri, lifetime, binding));
        }
        PskCredentials psk = new PskCredentials(group.security());
        String identity = psk.identity(endpoint);
        return psk.key(identity).map(key -> BootstrapConfig.psk(uri, identity, key, lifetime, binding));
    }
}
