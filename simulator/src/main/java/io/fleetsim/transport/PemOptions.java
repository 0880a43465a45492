package io.fleetsim.transport;

import java.security.cert.X509Certificate;
import java.util.List;

import io.fleetsim.security.CertifiedKey;
import io.fleetsim.security.FleetPki;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/** Vert.x TLS options from the run's PKI, in PEM: a key with its chain, or a CA to trust. */
public final class PemOptions {

    private PemOptions() {
    }

    /** {@code key} and its certificate chain, to show the peer. */
    public static PemKeyCertOptions keyCert(CertifiedKey key) {
        return new PemKeyCertOptions().addKeyValue(Buffer.buffer(FleetPki.pem(key.privateKey())))
                .addCertValue(Buffer.buffer(FleetPki.pem(key.chain())));
    }

    /** Trust in {@code ca} alone. */
    public static PemTrustOptions trust(X509Certificate ca) {
        return new PemTrustOptions().addCertValue(Buffer.buffer(FleetPki.pem(List.of(ca))));
    }
}
