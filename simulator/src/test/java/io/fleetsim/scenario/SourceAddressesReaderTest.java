package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Reading {@code sourceAddresses}: CIDRs expand to every address of their block, lists keep their order. */
class SourceAddressesReaderTest {

    private static DeviceGroup group(String sourceAddresses) {
        return ScenarioLoader.parse("""
                name: sources
                durationSeconds: 60
                fleet:
                  count: 10
                  sourceAddresses: %s
                """.formatted(sourceAddresses), Path.of("sources.yaml")).groups().get(0);
    }

    @Test
    void aCidrNamesEveryAddressOfItsBlockInOrder() {
        SourceAddresses sources = group("127.0.1.0/30").sourceAddresses();
        assertThat(sources.addresses()).containsExactly("127.0.1.0", "127.0.1.1", "127.0.1.2", "127.0.1.3");
        assertThat(sources.line()).isEqualTo(5);
        assertThat(sources.field()).isEqualTo("fleet.sourceAddresses");
    }

    @Test
    void aListMixesAddressesAndCidrsInTheOrderGiven() {
        assertThat(group("[10.0.0.12, 127.0.1.254/31, 10.0.0.11]").sourceAddresses().addresses())
                .containsExactly("10.0.0.12", "127.0.1.254", "127.0.1.255", "10.0.0.11");
        assertThat(group("\"fd00::10/127\"").sourceAddresses().addresses())
                .containsExactly("fd00:0:0:0:0:0:0:10", "fd00:0:0:0:0:0:0:11");
        assertThat(group("127.0.4.0/22").sourceAddresses().addresses()).hasSize(1024).endsWith("127.0.7.255");
    }

    @Test
    void devicesTakeTheAddressesInTurnByIndexInTheirGroup() {
        SourceAddresses sources = group("127.0.1.0/30").sourceAddresses();
        assertThat(sources.of(0, "127.0.0.1")).isEqualTo("127.0.1.0");
        assertThat(sources.of(5, "127.0.0.1")).isEqualTo("127.0.1.1");
        assertThat(sources.of(-1, "127.0.0.1")).as("the preflight device").isEqualTo("127.0.1.3");
        assertThat(SourceAddresses.NONE.of(5, "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(sources.devicesOn(0, 10)).isEqualTo(3);
        assertThat(sources.devicesOn(2, 10)).isEqualTo(2);
    }

    @Test
    void withoutTheKeyAGroupHasNoneAndScalingKeepsThem() {
        DeviceGroup plain = ScenarioLoader.parse("name: s\ndurationSeconds: 60\nfleet:\n  count: 3\n",
                Path.of("s.yaml")).groups().get(0);
        assertThat(plain.sourceAddresses().isEmpty()).isTrue();
        assertThat(group("127.0.1.0/31").withCount(500).sourceAddresses().addresses())
                .containsExactly("127.0.1.0", "127.0.1.1");
    }
}
