package io.fleetsim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
}
