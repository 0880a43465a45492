package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    private static final Path VALID = Path.of("src/test/resources/scenarios/valid");

    @Test
    void fullScenarioParsesToTheExpectedRecords() {
        Path file = VALID.resolve("full.yaml");
        Scenario scenario = ScenarioLoader.load(file);

        assertThat(scenario.name()).isEqualTo("capacity-full");
        assertThat(scenario.source()).isEqualTo(file);
        assertThat(scenario.target()).isEqualTo("coap://lwm2m.example.org:5684");
        assertThat(scenario.groups()).containsExactly(new DeviceGroup("meters", 20000, "meter-", Transport.UDP));
        assertThat(scenario.arrival()).isEqualTo(new Arrival(200.0, Arrival.Profile.POISSON, 42));
        assertThat(scenario.lifetime()).isEqualTo(Duration.ofSeconds(600));
        assertThat(scenario.updateInterval()).isEqualTo(Duration.ofSeconds(500));
        assertThat(scenario.duration()).isEqualTo(Duration.ofSeconds(600));
        assertThat(scenario.timeScale()).isEqualTo(60.0);
        assertThat(scenario.deregisterAtEnd()).isFalse();
        assertThat(scenario.coap()).isEqualTo(new CoapSettings(Duration.ofMillis(3000), 1.2, 2));
        assertThat(scenario.registrationRetry())
                .isEqualTo(new RetryPolicy(Duration.ofMillis(1500), Duration.ofSeconds(60), 3.0, 0.25));
        assertThat(scenario.thresholds()).containsExactly(
                new Threshold("registration.p99 < 500ms", "registration.p99", Threshold.Comparator.LT, 500, 3),
                new Threshold("update.max <= 2s", "update.max", Threshold.Comparator.LE, 2000, 4),
                new Threshold("registration.successRatio >= 99.9%", "registration.successRatio",
                        Threshold.Comparator.GE, 0.999, 5),
                new Threshold("registration.failures == 0", "registration.failures", Threshold.Comparator.EQ, 0, 6));
    }

    @Test
    void defaultsFillEverythingTheFileLeavesOut() {
        Scenario scenario = ScenarioLoader.load(VALID.resolve("minimal.yaml"));

        assertThat(scenario.target()).isNull();
        assertThat(scenario.groups()).containsExactly(new DeviceGroup("fleetsim-", 10, "fleetsim-", Transport.UDP));
        assertThat(scenario.arrival()).isEqualTo(new Arrival(100.0, Arrival.Profile.CONSTANT, 1));
        assertThat(scenario.lifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(scenario.updateInterval()).isEqualTo(Duration.ofSeconds(270));
        assertThat(scenario.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(scenario.timeScale()).isEqualTo(1.0);
        assertThat(scenario.deregisterAtEnd()).isTrue();
        assertThat(scenario.coap()).isEqualTo(CoapSettings.DEFAULTS);
        assertThat(scenario.registrationRetry()).isEqualTo(RetryPolicy.DEFAULTS);
        assertThat(scenario.thresholds()).isEmpty();
    }

    @Test
    void aRegistrationLimitIsReadWithItsDefaultsAndWithoutOneTheServerHasNone() {
        Scenario limited = ScenarioLoader.parse("""
                name: limited
                fleet: {count: 10}
                durationSeconds: 60
                server:
                  registrationLimit: {windowSeconds: 2.5, answer: silence}
                """, Path.of("limited.yaml"));
        assertThat(limited.server().registrationLimit()).isEqualTo(new RegistrationLimit(10, Duration.ofMillis(2500),
                Duration.ofSeconds(60), RegistrationLimit.Answer.SILENCE, "4.03"));
        assertThat(limited.server().blockRecognition()).isEqualTo(limited.server().registrationLimit());

        Scenario plain = ScenarioLoader.load(VALID.resolve("minimal.yaml"));
        assertThat(plain.server()).isEqualTo(ServerSettings.NONE);
        assertThat(plain.server().blockRecognition()).as("devices recognise the service's 10 in 10 s")
                .isEqualTo(RegistrationLimit.SERVICE_DEFAULT);
    }

    @Test
    void aTargetGivenOnTheCommandLineIsRefusedWithTheServersProtections() {
        Scenario limited = ScenarioLoader.parse("""
                name: limited
                fleet: {count: 10}
                durationSeconds: 60
                server:
                  registrationLimit: {count: 3, refuseCode: 4.29}
                """, Path.of("limited.yaml"));
        assertThat(limited.server().registrationLimit().refuseCode()).isEqualTo("4.29");
        assertThatThrownBy(() -> ScenarioOverrides.withTarget(limited, "coap://127.0.0.1:5683"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("--target: the scenario's server section sets protections of the embedded server");
        assertThat(ScenarioOverrides.withTarget(limited, null).server()).isEqualTo(limited.server());
    }

    @Test
    void groupsBecomeSeveralDeviceGroupsAndTheRampCoversThemAll() {
        Scenario scenario = ScenarioLoader.load(VALID.resolve("groups.yaml"));

        assertThat(scenario.target()).isEqualTo("coap://10.0.0.7:5683");
        assertThat(scenario.groups()).containsExactly(
                new DeviceGroup("meter-", 100, "meter-", Transport.UDP),
                new DeviceGroup("trackers", 50, "tracker-", Transport.UDP));
        assertThat(scenario.deviceCount()).isEqualTo(150);
        assertThat(scenario.arrival().ratePerSecond()).isEqualTo(5.0);
    }

    @Test
    void groupsMayRegisterWithTheirOwnLifetimeUpdateIntervalAndBinding() {
        Scenario scenario = parse("""
                name: a
                durationSeconds: 5
                lifetimeSeconds: 600
                groups:
                  - {count: 1, endpointPrefix: m-}
                  - {count: 1, endpointPrefix: t-, lifetimeSeconds: 100}
                  - {count: 1, endpointPrefix: s-, updateIntervalSeconds: 30, binding: UN}
                """);
        DeviceGroup plain = scenario.groups().get(0);
        DeviceGroup shortLived = scenario.groups().get(1);
        DeviceGroup frequent = scenario.groups().get(2);

        assertThat(scenario.lifetime(plain)).isEqualTo(Duration.ofSeconds(600));
        assertThat(scenario.updateInterval(plain)).isEqualTo(Duration.ofSeconds(540));
        assertThat(plain.binding()).isNull();
        // its own lifetime, and 90 % of it when neither the group nor the top level gives an interval
        assertThat(scenario.lifetime(shortLived)).isEqualTo(Duration.ofSeconds(100));
        assertThat(scenario.updateInterval(shortLived)).isEqualTo(Duration.ofSeconds(90));
        assertThat(scenario.lifetime(frequent)).isEqualTo(Duration.ofSeconds(600));
        assertThat(scenario.updateInterval(frequent)).isEqualTo(Duration.ofSeconds(30));
        assertThat(frequent.binding()).isEqualTo("UN");
        assertThat(frequent.withCount(5).binding()).isEqualTo("UN");
        assertThat(frequent.withCount(5).updateInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void lwm2mRetryIsReadWithTheServerObjectDefaultsAndAGroupMayRetryItsOwnWay() {
        Scenario scenario = parse("""
                name: a
                durationSeconds: 5
                registrationRetry: {mode: lwm2m, retryCount: 3, sequenceRetryCount: 2}
                groups:
                  - {count: 1, endpointPrefix: m-}
                  - {count: 1, endpointPrefix: t-, registrationRetry: {initialSeconds: 2, jitter: 0}}
                  - {count: 1, endpointPrefix: s-, registrationRetry: {mode: lwm2m}}
                """);

        assertThat(scenario.registrationRetry()).isEqualTo(RetryPolicy.lwm2m(new RetryPolicy.Lwm2mSequences(
                3, Duration.ofSeconds(60), Duration.ofSeconds(86_400), 2)));
        assertThat(scenario.registrationRetry(scenario.groups().get(0))).isEqualTo(scenario.registrationRetry());
        assertThat(scenario.registrationRetry(scenario.groups().get(1)))
                .isEqualTo(new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(300), 2.0, 0));
        assertThat(scenario.registrationRetry(scenario.groups().get(2)))
                .isEqualTo(RetryPolicy.lwm2m(RetryPolicy.Lwm2mSequences.DEFAULTS));
    }

    @Test
    void aRetryKeyOfTheOtherModeIsRefusedWhereItStands() {
        assertThatThrownBy(() -> parse("""
                name: a
                fleet: {count: 1}
                durationSeconds: 5
                registrationRetry:
                  retryCount: 3
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("inline.yaml:5: registrationRetry.retryCount: belongs to mode lwm2m, but "
                        + "registrationRetry.mode is backoff (the default); give the keys of one mode");
        assertThatThrownBy(() -> parse("""
                name: a
                durationSeconds: 5
                groups:
                  - count: 1
                    registrationRetry: {mode: lwm2m, initialSeconds: 3}
                """))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("inline.yaml:5: groups[0].registrationRetry.initialSeconds: belongs to mode backoff, "
                        + "but groups[0].registrationRetry.mode is lwm2m; give the keys of one mode");
    }

    @Test
    void updateIntervalDefaultsToNinetyPercentOfLifetimeRoundedDown() {
        Scenario scenario = parse("name: a\nfleet: {count: 1}\ndurationSeconds: 5\nlifetimeSeconds: 15\n");

        assertThat(scenario.updateInterval()).isEqualTo(Duration.ofSeconds(13));
    }

    @Test
    void ipv6TargetKeepsItsBrackets() {
        Scenario scenario = parse("name: a\nfleet: {count: 1}\ndurationSeconds: 5\ntarget: coap://[::1]:5683\n");

        assertThat(scenario.target()).isEqualTo("coap://[::1]:5683");
    }

    @Test
    void emptyTextIsReportedOnLineOne() {
        assertThatThrownBy(() -> ScenarioLoader.parse("", Path.of("scenarios/x.yaml")))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("scenarios/x.yaml:1: the scenario is empty");
    }

    @Test
    void messagesHaveTheDocumentedShape() {
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "name: x\nfleet:\n  count: 0\ndurationSeconds: 5\n", Path.of("scenarios/x.yaml")))
                .hasMessage("scenarios/x.yaml:3: fleet.count: must be at least 1, got 0")
                .satisfies(e -> {
                    assertThat(((ScenarioException) e).line()).isEqualTo(3);
                    assertThat(((ScenarioException) e).field()).isEqualTo("fleet.count");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void missingFileGetsAClearMessage() {
        Path missing = Path.of("scenarios/does-not-exist.yaml");

        assertThatThrownBy(() -> ScenarioLoader.load(missing))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("scenarios/does-not-exist.yaml: no such scenario file");
    }

    @Test
    void directoryInsteadOfFileGetsAClearMessage() {
        assertThatThrownBy(() -> ScenarioLoader.load(VALID))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("cannot read the scenario: it is a directory");
    }

    @Test
    void groupsNameTheirOwnTargetsAndDnsBehaviour() {
        Scenario scenario = parse("""
                name: targets
                durationSeconds: 60
                target: coap://lwm2m.example
                dns: {server: 127.0.0.1:5353, followTtl: false}
                groups:
                  - count: 2
                    endpointPrefix: a-
                  - count: 2
                    endpointPrefix: b-
                    target: coap+tcp://tcp.lwm2m.example
                    bootstrapTarget: coap://bs.lwm2m.example
                    dns: {followTtl: true}
                """);

        assertThat(scenario.dns()).isEqualTo(new DnsSettings("127.0.0.1:5353", false));
        assertThat(scenario.dns().serverAddress().getPort()).isEqualTo(5353);
        DeviceGroup plain = scenario.groups().get(0);
        assertThat(plain.transport()).isEqualTo(Transport.UDP);
        assertThat(plain.target()).isEqualTo(new GroupTarget(null, null, false));
        DeviceGroup own = scenario.groups().get(1);
        assertThat(own.transport()).as("from the target's scheme").isEqualTo(Transport.TCP);
        assertThat(own.target()).isEqualTo(new GroupTarget("coap+tcp://tcp.lwm2m.example:5683",
                "coap://bs.lwm2m.example:5683", true));
    }

    @Test
    void bootstrapIsTrueForTheEmbeddedServerOrAMapWithTheServersUri() {
        Scenario scenario = parse("""
                name: bootstrap
                durationSeconds: 60
                groups:
                  - count: 1
                    endpointPrefix: a-
                    bootstrap: true
                  - count: 1
                    endpointPrefix: b-
                    transport: dtls
                    security: {mode: psk}
                    bootstrap: {uri: coaps://bs.lwm2m.example, finishTimeoutSeconds: 30}
                  - count: 1
                    endpointPrefix: c-
                    bootstrapTarget: coap://bs.lwm2m.example
                  - count: 1
                    endpointPrefix: d-
                    bootstrap: {uri: coap://bs.lwm2m.example:5683}
                    bootstrapTarget: coap://bs.lwm2m.example
                  - count: 1
                    endpointPrefix: e-
                    bootstrap: false
                """);

        List<GroupTarget> targets = scenario.groups().stream().map(DeviceGroup::target).toList();
        assertThat(targets.get(0)).isEqualTo(new GroupTarget(null, null, true, true));
        assertThat(targets.get(0).embeddedBootstrap()).isTrue();
        assertThat(targets.get(1)).isEqualTo(new GroupTarget(null, "coaps://bs.lwm2m.example:5684", true, true,
                Duration.ofSeconds(30)));
        assertThat(targets.get(0).bootstrapFinishTimeout()).as("the default").isEqualTo(Duration.ofSeconds(93));
        assertThat(targets.get(1).embeddedBootstrap()).isFalse();
        assertThat(targets.get(2)).as("bootstrapTarget is bootstrap.uri")
                .isEqualTo(new GroupTarget(null, "coap://bs.lwm2m.example:5683", true, true));
        assertThat(targets.get(3)).isEqualTo(targets.get(2));
        assertThat(targets.get(4).bootstrap()).isFalse();
        assertThat(targets.get(4)).isEqualTo(GroupTarget.DEFAULT);
    }

    @Test
    void bootstrapThatDisagreesWithBootstrapTargetIsRefusedNamingBoth() {
        assertThatThrownBy(() -> oneGroup("bootstrapTarget: coap://one.example\nbootstrap: {uri: coap://two.example}"))
                .hasMessage("inline.yaml:6: fleet.bootstrap.uri: is 'coap://two.example:5683' but the group's "
                        + "fleet.bootstrapTarget is 'coap://one.example:5683'; they name the same bootstrap server: "
                        + "give one of them");
        assertThatThrownBy(() -> oneGroup("bootstrapTarget: coap://one.example\nbootstrap: false"))
                .hasMessage("inline.yaml:6: fleet.bootstrap: is false but the group's fleet.bootstrapTarget is "
                        + "'coap://one.example:5683'; remove one of them");
        assertThatThrownBy(() -> oneGroup("bootstrap: [coap://one.example]"))
                .hasMessageStartingWith("inline.yaml:5: fleet.bootstrap: expected true, false or a map");
        assertThatThrownBy(() -> oneGroup("bootstrap: {url: coap://one.example}"))
                .hasMessageStartingWith("inline.yaml:5: fleet.bootstrap.url: unknown key");
    }

    @Test
    void aBootstrapServerTheDevicesCannotReachIsRefusedSayingWhy() {
        assertThatThrownBy(() -> oneGroup("bootstrap: {uri: coap+tcp://bs.example}"))
                .hasMessage("inline.yaml:5: fleet.bootstrap.uri: is 'coap+tcp://bs.example:5683': fleetsim's devices "
                        + "bootstrap over coap:// or coaps:// only (CoAP over UDP or DTLS)");
        assertThatThrownBy(() -> oneGroup("bootstrapTarget: coaps://bs.example"))
                .hasMessage("inline.yaml:5: fleet.bootstrapTarget: names a coaps bootstrap server "
                        + "('coaps://bs.example:5684') but the group has no security: the devices bootstrap over DTLS "
                        + "with the group's `security` credentials; give the group transport dtls with a security "
                        + "mode, or a coap:// bootstrap server");
        assertThatThrownBy(() -> oneGroup("bootstrap: {finishTimeoutSeconds: 0}"))
                .hasMessageStartingWith("inline.yaml:5: fleet.bootstrap.finishTimeoutSeconds: ");
    }

    @Test
    void aDnsServerWithoutPortIsAskedOnPort53() {
        Scenario scenario = parse("""
                name: dns
                durationSeconds: 60
                dns: {server: "::1"}
                fleet: {count: 1}
                """);

        assertThat(scenario.dns()).isEqualTo(new DnsSettings("[0:0:0:0:0:0:0:1]:53", true));
        assertThat(scenario.groups().get(0).target().followDns()).isTrue();
    }

    @Test
    void thresholdMetricsAreExposedForTheEngine() {
        assertThat(ThresholdMetrics.KNOWN).contains("registration.p99", "update.mean",
                "registration.successRatio", "devices.registeredAtEnd", "retransmissions", "reachability",
                "reconnect.p99", "nat.rebindings", "handshake.p99", "reconnects", "errors.ratio", "notifications.latency.p99", "bootstrap.p99",
                "bootstrap.successRatio", "bootstrap.failures").hasSize(68);
        assertThat(ThresholdMetrics.kindOf("registration.successRatio")).contains(ThresholdMetrics.Kind.RATIO);
    }

    @Test
    void didYouMeanStaysWithinTwoEdits() {
        assertThat(DidYouMean.distance("cuont", "count")).isEqualTo(2);
        assertThat(DidYouMean.closest("cuont", List.of("count", "name"))).containsExactly("count");
        assertThat(DidYouMean.closest("colour", List.of("count", "name"))).isEmpty();
    }

    /** A scenario of one fleet group of one device, with {@code groupKeys} (from line 5 on) added to it. */
    private static Scenario oneGroup(String groupKeys) {
        return parse("name: bootstrap\ndurationSeconds: 60\nfleet:\n  count: 1\n"
                + groupKeys.lines().map(line -> "  " + line + "\n").collect(Collectors.joining()));
    }

    private static Scenario parse(String text) {
        return ScenarioLoader.parse(text, Path.of("inline.yaml"));
    }
}
