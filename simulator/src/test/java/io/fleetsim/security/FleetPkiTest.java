package io.fleetsim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.Certificate;
import java.util.List;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticCertificateVerifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetPkiTest {

    @TempDir
    Path dir;

    @Test
    void deviceAndServerCertificatesAreSignedByTheCaAndReusedFromTheDirectory() throws Exception {
        FleetPki first = FleetPki.loadOrCreate(dir, "fleetsim test CA");
        CertifiedKey device = first.device("meter-000001");

        device.certificate().verify(first.caCertificate().getPublicKey());
        first.server().certificate().verify(first.caCertificate().getPublicKey());
        assertThat(device.certificate().getSubjectX500Principal().getName()).contains("CN=meter-000001");
        assertThat(first.caCertificate().getSubjectX500Principal().getName()).contains("CN=fleetsim test CA");
        assertThat(first.device("meter-000001")).isSameAs(device);

        FleetPki again = FleetPki.loadOrCreate(dir, "ignored when the directory has a CA");
        assertThat(again.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(again.server().certificate()).isEqualTo(first.server().certificate());
        again.device("meter-000002").certificate().verify(first.caCertificate().getPublicKey());
    }

    @Test
    void keyFilesAreReadableByTheOwnerOnlyAndKeysNeverPrint() throws Exception {
        FleetPki pki = FleetPki.loadOrCreate(dir, "fleetsim test CA");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FleetPki.CA_KEY))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FleetPki.SERVER_KEY))))
                .isEqualTo("rw-------");
        assertThat(pki.server().toString()).contains("private key hidden").doesNotContain("PRIVATE");
    }

    @Test
    void theServerCertificateNamesTheAddressTheServersListenOnAsAnIpSubjectAltName() throws Exception {
        FleetPki pki = FleetPki.create("fleetsim test CA", "192.0.2.1");

        assertThat(pki.serverIpAddresses()).containsExactlyInAnyOrder("127.0.0.1", "192.0.2.1");
        assertThat(pki.server().certificate().getSubjectAlternativeNames())
                .as("IP addresses as iPAddress names (type 7), localhost as a dNSName (type 2)")
                .contains(List.of(7, "192.0.2.1"), List.of(2, "localhost"));
        pki.server().certificate().verify(pki.caCertificate().getPublicKey());
        assertThat(FleetPki.create("fleetsim test CA").serverIpAddresses()).containsExactly("127.0.0.1");
    }

    @Test
    void aReusedPkiDirectoryGetsAServerCertificateForANewAddressFromTheSameCa() throws Exception {
        FleetPki first = FleetPki.loadOrCreate(dir, "fleetsim test CA");
        assertThat(first.serverIpAddresses()).containsExactly("127.0.0.1");

        FleetPki widened = FleetPki.loadOrCreate(dir, "ignored", "192.0.2.1");

        assertThat(widened.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(widened.serverIpAddresses()).containsExactlyInAnyOrder("127.0.0.1", "192.0.2.1");
        widened.server().certificate().verify(first.caCertificate().getPublicKey());
        FleetPki again = FleetPki.loadOrCreate(dir, "ignored", "192.0.2.1");
        assertThat(again.server().certificate()).as("written to the directory, reused the next time")
                .isEqualTo(widened.server().certificate());
        assertThat(FleetPki.loadOrCreate(dir, "ignored").server().certificate())
                .as("it still names 127.0.0.1: a loopback run keeps it").isEqualTo(widened.server().certificate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FleetPki.SERVER_KEY))))
                .isEqualTo("rw-------");
    }

    @Test
    void keysReadBackFromTheDirectoryServeAsADtlsCertificateIdentity() throws Exception {
        FleetPki.loadOrCreate(dir, "fleetsim test CA");
        FleetPki again = FleetPki.loadOrCreate(dir, "ignored");
        CertifiedKey server = again.server();

        assertThat(server.privateKey().getAlgorithm()).isEqualTo("EC");
        // what the embedded server's coaps endpoint does with them; a second DTLS run into the same
        // results directory failed here ("EC is not supported by the JCE")
        DtlsConfig.register();
        DtlsConnectorConfig config = DtlsConnectorConfig.builder(new Configuration())
                .setCertificateIdentityProvider(new SingleCertificateProvider(server.privateKey(),
                        server.chain().toArray(new Certificate[0]), CertificateType.X_509))
                .setCertificateVerifier(new StaticCertificateVerifier.Builder()
                        .setTrustedCertificates(again.caCertificate()).build())
                .build();
        assertThat(config.getCertificateIdentityProvider()).isNotNull();
    }
}
