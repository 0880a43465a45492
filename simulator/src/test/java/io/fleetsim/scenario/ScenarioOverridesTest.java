package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioOverridesTest {

    private static final Scenario ONE_GROUP = ScenarioLoader.parse(
            "name: a\nfleet: {count: 10, endpointPrefix: m-}\ndurationSeconds: 60\n", Path.of("a.yaml"));
    private static final Scenario TWO_GROUPS = ScenarioLoader.parse("""
            name: b
            groups:
              - {count: 10, endpointPrefix: m-}
              - {count: 5, endpointPrefix: t-}
            durationSeconds: 60
            """, Path.of("b.yaml"));

    @Test
    void devicesScaleTheSingleGroupAndKeepTheRest() {
        Scenario scaled = ScenarioOverrides.withDeviceCount(ONE_GROUP, 500);

        assertThat(scaled.groups()).containsExactly(new DeviceGroup("m-", 500, "m-", Transport.UDP));
        assertThat(scaled).usingRecursiveComparison().ignoringFields("groups").isEqualTo(ONE_GROUP);
    }

    @Test
    void devicesZeroIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> ScenarioOverrides.withDeviceCount(ONE_GROUP, 0))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("--devices: must be at least 1, got 0");
    }

    @Test
    void devicesCannotScaleSeveralGroups() {
        assertThatThrownBy(() -> ScenarioOverrides.withDeviceCount(TWO_GROUPS, 100))
                .hasMessage("--devices: cannot scale a scenario with 2 device groups; change the counts in the file");
    }

    @Test
    void devicesMayNotGoBelowTheHighestStage() {
        Scenario staged = ScenarioLoader.parse("""
                name: staged
                durationSeconds: 60
                fleet: {count: 100}
                arrival:
                  stages: [{durationSeconds: 10, devices: 80}]
                """, java.nio.file.Path.of("staged.yaml"));
        assertThat(ScenarioOverrides.withDeviceCount(staged, 80).deviceCount()).isEqualTo(80);
        assertThatThrownBy(() -> ScenarioOverrides.withDeviceCount(staged, 50))
                .hasMessage("--devices: 50 devices are fewer than the 80 active devices arrival.stages asks for; "
                        + "change the stages in the file");
    }

    @Test
    void anExternalTargetIsRefusedForAServerOutage() {
        Scenario outage = ScenarioLoader.parse("""
                name: outage
                durationSeconds: 60
                fleet: {count: 10}
                events: [{atSeconds: 10, serverOutage: {seconds: 5}}]
                """, java.nio.file.Path.of("outage.yaml"));
        assertThat(outage.events()).hasSize(1);
        assertThatThrownBy(() -> ScenarioOverrides.withTarget(outage, "coap://127.0.0.1:5683"))
                .hasMessageStartingWith("--target: the scenario's events hold a serverOutage");
        assertThat(ScenarioOverrides.withTarget(outage, null).events()).isEqualTo(outage.events());
    }

    @Test
    void targetIsCheckedAndNormalised() {
        assertThat(ScenarioOverrides.withTarget(ONE_GROUP, "coap://127.0.0.1").target())
                .isEqualTo("coap://127.0.0.1:5683");
        assertThat(ScenarioOverrides.withTarget(ONE_GROUP, null).target()).isNull();
        assertThatThrownBy(() -> ScenarioOverrides.withTarget(ONE_GROUP, "http://x:1"))
                .hasMessage("--target: 'http://x:1' is not a usable target: the scheme must be coap, coaps, coap+tcp or coaps+tcp");
    }

    @Test
    void durationAndTimeScaleAreCheckedAgainstTheirRanges() {
        assertThat(ScenarioOverrides.withDurationSeconds(ONE_GROUP, 5).duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ScenarioOverrides.withTimeScale(ONE_GROUP, 60).timeScale()).isEqualTo(60.0);
        assertThatThrownBy(() -> ScenarioOverrides.withDurationSeconds(ONE_GROUP, 0))
                .hasMessage("--duration: must be at least 1, got 0");
        assertThatThrownBy(() -> ScenarioOverrides.withTimeScale(ONE_GROUP, Double.NaN))
                .hasMessage("--time-scale: must be a finite number, got NaN");
        assertThatThrownBy(() -> ScenarioOverrides.withTimeScale(ONE_GROUP, 20000))
                .hasMessage("--time-scale: must be at most 10000, got 20000");
    }
}
