package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scenario copy in a results directory keeps the file as written, without its PSK seed. */
class ScenarioCopyTest {

    @Test
    void aSeedInBlockStyleIsHiddenAndTheRestKeptAsWritten() {
        String yaml = """
                name: psk # the run
                fleet:
                  transport: dtls
                  security:
                    mode: psk
                    pskKeySeed: "block secret, with a comma"
                """;

        assertThat(ScenarioCopy.redact(yaml)).isEqualTo(yaml.replace("\"block secret, with a comma\"", "\"<hidden>\""));
    }

    @Test
    void aSeedInFlowStyleIsHiddenWithoutTakingTheKeysAfterIt() {
        String yaml = """
                groups:
                  - {name: a, security: {mode: psk, pskKeySeed: flow-secret, pskIdentity: "{endpoint}"}}
                  - name: b
                    security: {pskKeySeed: 'quoted secret', mode: psk}
                """;

        String copy = ScenarioCopy.redact(yaml);

        assertThat(copy).doesNotContain("flow-secret").doesNotContain("quoted secret")
                .contains("{mode: psk, pskKeySeed: \"<hidden>\", pskIdentity: \"{endpoint}\"}")
                .contains("{pskKeySeed: \"<hidden>\", mode: psk}");
    }

    @Test
    void aSeedOnSeveralLinesOrSharedThroughAnAnchorIsHiddenWhole() {
        String yaml = """
                groups:
                  - security:
                      pskKeySeed: &seed >-
                        folded over
                        two lines
                  - security: {pskKeySeed: *seed}
                """;

        String copy = ScenarioCopy.redact(yaml);

        assertThat(copy).doesNotContain("folded over").doesNotContain("two lines").contains("pskKeySeed: &seed \"<hidden>\"");
    }

    @Test
    void textThatIsNotYamlStillLosesEverySeedLine() {
        String copy = ScenarioCopy.redact("fleet: {security: {pskKeySeed: oops\n  count: [\n");

        assertThat(copy).doesNotContain("oops").contains("pskKeySeed: \"<hidden>\"");
    }
}
