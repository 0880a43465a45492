package io.fleetsim.transport.dtls;

import io.fleetsim.security.FleetPki;

/**
 * Where DTLS devices go and what they hold: the server's CoAPS address and the run's PKI, from
 * which {@code rpk} and {@code x509} devices take their keys and the CA they trust.
 *
 * @param pki the run's certificates; null when no group needs them
 */
public record DtlsTarget(String host, int port, FleetPki pki) {

    public String uri() {
        return "coaps://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
