package io.fleetsim.transport.dtls;

import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.SinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.CertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticCertificateVerifier;

import io.fleetsim.scenario.Security;
import io.fleetsim.security.CertifiedKey;
import io.fleetsim.security.FleetPki;
import io.fleetsim.security.PskCredentials;

/**
 * The Scandium configuration of one device: a client with no receiver thread and room for one
 * connection, the LwM2M mandatory cipher suite of its mode (PSK or ECDHE-ECDSA with AES-128-CCM-8),
 * its own credentials, and the Connection ID extension when the group asks for it.
 */
public final class DeviceDtlsConfig {

    static {
        DtlsConfig.register();
        SystemConfig.register();
    }

    private DeviceDtlsConfig() {
    }

    public static DtlsConnectorConfig build(Security security, String endpoint, FleetPki pki) {
        Configuration configuration = new Configuration();
        DtlsConnectorConfig.Builder builder = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(0))
                .setSerializationLabel("fleetsim-device")
                .setLoggingTag(endpoint)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 0)
                .set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4)
                .set(SystemConfig.HEALTH_STATUS_INTERVAL, 0, TimeUnit.SECONDS)
                .set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, security.connectionId() ? 0 : -1);
        switch (security.mode()) {
            case PSK -> psk(builder, security, endpoint);
            case RPK -> rpk(builder, pki.device(endpoint));
            case X509 -> x509(builder, pki, pki.device(endpoint), security.expectIssuer());
            case NONE -> throw new IllegalArgumentException("a DTLS device needs credentials");
        }
        return builder.build();
    }

    private static void psk(DtlsConnectorConfig.Builder builder, Security security, String endpoint) {
        PskCredentials credentials = new PskCredentials(security);
        String identity = credentials.identity(endpoint);
        // a device whose key the file lacks still tries, with an empty key, and fails its handshake
        byte[] key = credentials.key(identity).orElse(new byte[PskCredentials.DERIVED_KEY_BYTES]);
        builder.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .setPskStore(new SinglePskStore(identity, key));
    }

    private static void rpk(DtlsConnectorConfig.Builder builder, CertifiedKey device) {
        builder.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
                .setAsList(DtlsConfig.DTLS_CERTIFICATE_TYPES, CertificateType.RAW_PUBLIC_KEY)
                .setCertificateIdentityProvider(new SingleCertificateProvider(device.privateKey(),
                        device.certificate().getPublicKey()))
                .setCertificateVerifier(new StaticCertificateVerifier.Builder().setTrustAllRPKs().build());
    }

    private static void x509(DtlsConnectorConfig.Builder builder, FleetPki pki, CertifiedKey device,
            String expectIssuer) {
        CertificateVerifier chain = new StaticCertificateVerifier.Builder()
                .setTrustedCertificates(pki.caCertificate()).build();
        List<Certificate> certificates = List.copyOf(device.chain());
        builder.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
                .setAsList(DtlsConfig.DTLS_CERTIFICATE_TYPES, CertificateType.X_509)
                .setCertificateIdentityProvider(new SingleCertificateProvider(device.privateKey(),
                        certificates.toArray(new Certificate[0]), CertificateType.X_509))
                .setCertificateVerifier(expectIssuer == null ? chain : new IssuerCheckingVerifier(expectIssuer, chain));
    }
}
