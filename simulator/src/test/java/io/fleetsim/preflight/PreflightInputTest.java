package io.fleetsim.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

import io.fleetsim.security.IssuerNames;

/** Target URIs with their default ports, and the expected issuer with its preset. */
class PreflightInputTest {

    @Test
    void eachSchemeHasItsDefaultPort() {
        assertThat(PreflightTarget.parse("coap://lwm2m.example.com").port()).isEqualTo(5683);
        assertThat(PreflightTarget.parse("coaps://lwm2m.example.com").port()).isEqualTo(5684);
        assertThat(PreflightTarget.parse("coap+tcp://lwm2m.example.com").port()).isEqualTo(5683);
        assertThat(PreflightTarget.parse("coaps+tcp://lwm2m.example.com").port()).isEqualTo(5684);
        assertThat(PreflightTarget.parse("https://lwm2m.example.com").port()).isEqualTo(443);
        assertThat(PreflightTarget.parse("coaps://lwm2m.example.com:15684").port()).isEqualTo(15684);
    }

    @Test
    void anIpv6LiteralNeedsNoLookup() {
        PreflightTarget target = PreflightTarget.parse("coap://[::1]:5683");

        assertThat(target.host()).isEqualTo("::1");
        assertThat(target.literal()).isTrue();
        assertThat(PreflightTarget.parse("coap://lwm2m.example.com").literal()).isFalse();
    }

    @Test
    void aUriWithoutHostIsNamed() {
        assertThatThrownBy(() -> PreflightTarget.parse("coaps:///x"))
                .hasMessage("target 'coaps:///x' names no host, e.g. coaps://host:5684");
    }

    @Test
    void theIzumaPresetIsTheBootstrapIssuerInEitherOrder() {
        X500Principal preset = ExpectedIssuer.parse("izuma-bootstrap");

        assertThat(IssuerNames.matches(new X500Principal(
                "CN=ARM Bootstrap CA,O=ARM Ltd,L=Cambridge,ST=Cambridgeshire,C=GB"), preset)).isTrue();
        assertThat(IssuerNames.matches(new X500Principal(
                "CN=ARM Bootstrap CA,O=Inspecting Proxy,L=Cambridge,ST=Cambridgeshire,C=GB"), preset)).isFalse();
    }
}
