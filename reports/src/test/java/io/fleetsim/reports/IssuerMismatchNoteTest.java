package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose handshakes met another issuer's certificate says plainly what that means. */
class IssuerMismatchNoteTest {

    @TempDir
    Path dir;

    @Test
    void dtlsAndTlsIssuerMismatchesAreNamedAtTheTop() throws Exception {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "mitm");
        String summary = ResultsFixture.summaryJson(1, "mitm", true, "pass", "").trim();
        fixture.summary(summary.substring(0, summary.length() - 1) + """
                ,
                  "handshake": {"successes": 0, "failureCount": 2, "failures": {"issuer-mismatch": 2}},
                  "registration": {"attempts": 5, "successes": 0, "failures": {"issuer-mismatch": 3, "handshake": 2}}
                }
                """);

        assertThat(HtmlReport.html(dir)).contains("5 handshakes met a server certificate from another issuer")
                .contains("TLS-inspecting firewall");
    }

    @Test
    void aRunWithoutMismatchesSaysNothingAboutIt() throws Exception {
        ResultsFixture.completeRun(dir, "plain");

        assertThat(HtmlReport.html(dir)).doesNotContain("TLS-inspecting");
    }
}
