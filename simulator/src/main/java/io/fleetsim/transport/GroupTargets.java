package io.fleetsim.transport;

import java.util.Map;
import java.util.function.Function;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Transport;
import io.fleetsim.transport.dtls.DtlsTarget;

/**
 * Where the devices of each group go: the group's own {@link ServerEndpoint}, made before the run,
 * or else the one of its transport. Read by the shards' event loops; never changes.
 */
public final class GroupTargets {

    private final Map<String, ServerEndpoint> byGroup;
    private final Function<Transport, ServerEndpoint> byTransport;

    private GroupTargets(Map<String, ServerEndpoint> byGroup, Function<Transport, ServerEndpoint> byTransport) {
        this.byGroup = Map.copyOf(byGroup);
        this.byTransport = byTransport;
    }

    /** One endpoint for each group, by group name. */
    public static GroupTargets of(Map<String, ServerEndpoint> byGroup) {
        return new GroupTargets(byGroup, transport -> {
            throw new IllegalStateException("no server endpoint for a " + transport.key() + " group");
        });
    }

    /**
     * Fixed endpoints by transport, for a target whose names are resolved already: udp to
     * {@code targetHost:targetPort}, dtls to {@code dtls}, tcp and tls to their entry of
     * {@code endpoints} or else the target.
     */
    public static GroupTargets byTransport(String targetHost, int targetPort, DtlsTarget dtls,
            TransportEndpoints endpoints) {
        return new GroupTargets(Map.of(), transport -> switch (transport) {
            case UDP -> ServerEndpoint.fixed(targetHost, targetPort, targetHost);
            case DTLS -> {
                if (dtls == null) {
                    throw new IllegalStateException("a DTLS device needs a coaps target; the run has none");
                }
                yield ServerEndpoint.fixed(dtls.host(), dtls.port(), dtls.host());
            }
            case TCP, TLS -> endpoints.of(transport)
                    .map(hp -> ServerEndpoint.fixed(hp.host(), hp.port(), hp.address() != null ? hp.address() : hp.host()))
                    .orElse(ServerEndpoint.fixed(targetHost, targetPort, targetHost));
        });
    }

    /** Where the devices of {@code group} go. */
    public ServerEndpoint of(DeviceGroup group) {
        ServerEndpoint own = byGroup.get(group.name());
        return own != null ? own : byTransport.apply(group.transport());
    }
}
