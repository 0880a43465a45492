package io.fleetsim.server;

import java.util.List;
import java.util.Optional;

import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.servers.security.SecurityInfo;
import org.eclipse.leshan.servers.security.SecurityStore;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Security;
import io.fleetsim.security.FleetPki;
import io.fleetsim.security.PskCredentials;

/**
 * What the embedded server knows of each device's credentials, worked out on demand from the
 * scenario's groups rather than stored per device: a device of a {@code psk} group has the key
 * its group derives or reads, an {@code rpk} device the public key of its FleetPki key pair, an
 * {@code x509} device a certificate whose CN is its endpoint name. Devices of plain groups have
 * no security information, so they register without DTLS.
 */
public final class FleetSecurityStore implements SecurityStore {

    private final List<DeviceGroup> groups;
    private final FleetPki pki;

    public FleetSecurityStore(List<DeviceGroup> groups, FleetPki pki) {
        this.groups = groups.stream().filter(g -> g.security().isSecure()).toList();
        this.pki = pki;
    }

    @Override
    public SecurityInfo getByEndpoint(String endpoint) {
        return groupOf(endpoint).map(group -> info(group, endpoint)).orElse(null);
    }

    @Override
    public SecurityInfo getByIdentity(String pskIdentity) {
        for (DeviceGroup group : groups) {
            if (group.security().mode() != Security.Mode.PSK) {
                continue;
            }
            PskCredentials psk = new PskCredentials(group.security());
            Optional<String> endpoint = psk.endpointOf(pskIdentity).filter(e -> e.startsWith(group.endpointPrefix()));
            if (endpoint.isPresent()) {
                return psk.key(pskIdentity)
                        .map(key -> SecurityInfo.newPreSharedKeyInfo(endpoint.get(), pskIdentity, key))
                        .orElse(null);
            }
        }
        return null;
    }

    @Override
    public SecurityInfo getByOscoreIdentity(OscoreIdentity identity) {
        return null;
    }

    private Optional<DeviceGroup> groupOf(String endpoint) {
        return groups.stream().filter(g -> endpoint.startsWith(g.endpointPrefix())).findFirst();
    }

    private SecurityInfo info(DeviceGroup group, String endpoint) {
        return switch (group.security().mode()) {
            case PSK -> {
                PskCredentials psk = new PskCredentials(group.security());
                String identity = psk.identity(endpoint);
                yield psk.key(identity).map(key -> SecurityInfo.newPreSharedKeyInfo(endpoint, identity, key)).orElse(null);
            }
            case RPK -> SecurityInfo.newRawPublicKeyInfo(endpoint, pki.device(endpoint).certificate().getPublicKey());
            case X509 -> SecurityInfo.newX509CertInfo(endpoint);
            case NONE -> null;
        };
    }
}
