package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretMaskingTest {

    @TempDir
    Path dir;

    @Test
    void masksValuesOfKeysNamingPskKeySecretPasswordOrTokenInAnyCase() {
        String yaml = """
                name: dtls-storm
                target: coap://10.0.0.1:5684
                security:
                  mode: psk
                  pskIdentity: storm-
                  PSK_KEY: "0011223344556677"
                  apiToken: 'abc.def'
                  Password: hunter2   # the old one
                  clientSecret: s3cr3t
                  keepaliveSeconds: 540
                fleet:
                  count: 10
                """;

        String masked = SecretMasking.mask(yaml);

        assertThat(masked).contains("name: dtls-storm", "target: coap://10.0.0.1:5684", "  mode: psk",
                        "  pskIdentity: ********", "  PSK_KEY: ********", "  apiToken: ********",
                        "  Password: ********", "  clientSecret: ********", "  keepaliveSeconds: 540", "  count: 10")
                .doesNotContain("0011223344556677", "abc.def", "hunter2", "s3cr3t", "storm-\n");
    }

    @Test
    void masksEverythingNestedUnderASecretKeyAndInFlowMappings() {
        String yaml = """
                privateKey: |
                  -----BEGIN PRIVATE KEY-----
                  MIGHAgEAMBMGByqGSM49AgEGCCqGSM49
                tokens:
                  - first-token
                  - second-token
                psk:
                  identity: dev
                  hex: cafe
                groups:
                  - name: a
                    credentials: { id: dev-a, secret: xyz, port: 5684 }
                lifetimeSeconds: 300
                """;

        String masked = SecretMasking.mask(yaml);

        assertThat(masked).doesNotContain("BEGIN PRIVATE KEY", "MIGHAgEA", "first-token", "second-token", "cafe", "xyz")
                .contains("privateKey: |", "tokens:", "  - ********", "psk:", "  identity: ********", "  hex: ********",
                        "  - name: a", "{ id: dev-a, secret: ********, port: 5684 }", "lifetimeSeconds: 300");
    }

    @Test
    void theReportEchoesTheScenarioMasked() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.scenario("name: quickstart\nsecurity:\n  pskKey: 000102030405\n  pskIdentity: qs-\n");

        String html = HtmlReport.html(dir);

        assertThat(html).contains("pskKey: ********").contains("pskIdentity: ********").doesNotContain("000102030405");
    }
}
