package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fleetsim.metrics.Counter;
import io.fleetsim.scenario.Scenario;

/** A fleet of virtual devices against a real Eclipse Leshan server on loopback. */
@Timeout(120)
class FleetAgainstLeshanTest {

    @RegisterExtension
    static final LeshanServerExtension LESHAN = new LeshanServerExtension();

    @TempDir
    Path results;

    private RunTarget target() {
        return LESHAN.target();
    }

    @Test
    void threeHundredDevicesRegisterWithTheirLifetimeAndObjectsAndDeregisterAtTheEnd() throws IOException {
        Scenario scenario = Scenarios.fleet("storm", 300, "lifetimeSeconds: 600");
        FleetEngine engine = FleetEngine.start(scenario, target(), RunOptions.defaults(results));

        assertThat(engine.awaitRegistered(300, 30_000)).as("all 300 registered").isTrue();
        Set<String> endpoints = LESHAN.server().registrations().stream()
                .map(Registration::getEndpoint).filter(e -> e.startsWith("storm-")).collect(Collectors.toSet());
        assertThat(endpoints).hasSize(300).contains("storm-000000", "storm-000299");
        Registration one = LESHAN.server().registration("storm-000042").orElseThrow();
        assertThat(one.getLifeTimeInSec()).isEqualTo(600);
        assertThat(one.getObjectLinks()).extracting(Link::getUriReference).contains("/1/0", "/3/0");

        RunOutcome outcome = engine.stop();

        assertThat(LESHAN.server().registrations()).noneMatch(r -> r.getEndpoint().startsWith("storm-"));
        assertThat(outcome.summary().totals().get(Counter.DEREGISTRATIONS)).isEqualTo(300);
        assertThat(outcome.summary().registeredAtEnd()).isEqualTo(300);
    }

    @Test
    void updatesKeepDevicesRegisteredPastTheirLifetime() throws Exception {
        // Leshan expires registrations on its own wall clock: a 10 s lifetime, updates every 4 s.
        Scenario scenario = Scenarios.fleet("keep", 20, "lifetimeSeconds: 10\nupdateIntervalSeconds: 4");
        FleetEngine engine = FleetEngine.start(scenario, target(), RunOptions.defaults(results));
        assertThat(engine.awaitRegistered(20, 20_000)).isTrue();

        Thread.sleep(14_000); // past one lifetime plus Leshan's 2 s expiry sweep

        assertThat(LESHAN.server().registrations()).filteredOn(r -> r.getEndpoint().startsWith("keep-")).hasSize(20);
        RunOutcome outcome = engine.stop();
        assertThat(outcome.summary().totals().get(Counter.UPDATES)).isGreaterThanOrEqualTo(40);
        assertThat(outcome.summary().totals().get(Counter.UPDATE_FAILURES)).isZero();
        @SuppressWarnings("unchecked")
        var update = (java.util.Map<String, Object>) io.fleetsim.metrics.SummaryJson.build(outcome.summary()).get("update");
        assertThat(update.get("successRatio")).isEqualTo(1.0);
        assertThat(LESHAN.server().registrationEvents().expired()).isZero();
    }

    @ParameterizedTest
    @EnumSource(names = { "TLV", "SENML_JSON", "SENML_CBOR", "JSON" })
    void leshanReadsTheDeviceObjectInTheFormatItAsksFor(ContentFormatName format) throws Exception {
        Scenario scenario = Scenarios.fleet("read-" + format.name().toLowerCase().replace('_', '-'), 3, "");
        FleetEngine engine = FleetEngine.start(scenario, target(), RunOptions.defaults(results));
        try {
            assertThat(engine.awaitRegistered(3, 20_000)).isTrue();
            String endpoint = scenario.groups().get(0).endpointPrefix() + "000001";

            ReadResponse response = LESHAN.server().read(endpoint, "/3/0", format.leshan, Duration.ofSeconds(5));

            assertThat(response.isSuccess()).as(response.toString()).isTrue();
            LwM2mObjectInstance device = (LwM2mObjectInstance) response.getContent();
            assertThat(device.getResource(0).getValue()).isEqualTo("fleetsim");
            assertThat(device.getResource(2).getValue()).isEqualTo("FS00000001");
            assertThat((Long) device.getResource(9).getValue()).isBetween(20L, 100L);
            assertThat(device.getResource(16).getValue()).isEqualTo("U");
        } finally {
            RunOutcome outcome = engine.stop();
            assertThat(outcome.summary().totals().get(Counter.READS_SERVED)).isEqualTo(1);
        }
    }

    @Test
    void aSingleResourceReadsAsTextAndAnUnknownObjectIsNotFound() throws Exception {
        Scenario scenario = Scenarios.fleet("single", 1, "");
        FleetEngine engine = FleetEngine.start(scenario, target(), RunOptions.defaults(results));
        try {
            assertThat(engine.awaitRegistered(1, 20_000)).isTrue();

            ReadResponse serial = LESHAN.server().read("single-000000", "/3/0/2", null, Duration.ofSeconds(5));
            ReadResponse missing = LESHAN.server().read("single-000000", "/5/0", null, Duration.ofSeconds(5));

            assertThat(((LwM2mSingleResource) serial.getContent()).getValue()).isEqualTo("FS00000000");
            assertThat(missing.getCode().getName()).isEqualTo("NOT_FOUND");
        } finally {
            RunOutcome outcome = engine.stop();
            assertThat(outcome.summary().totals().get(Counter.NOT_FOUND_SERVED)).isEqualTo(1);
        }
    }

    /** Content formats a server may ask for. */
    enum ContentFormatName {
        TLV(ContentFormat.TLV), SENML_JSON(ContentFormat.SENML_JSON), SENML_CBOR(ContentFormat.SENML_CBOR),
        JSON(ContentFormat.JSON);

        final ContentFormat leshan;

        ContentFormatName(ContentFormat leshan) {
            this.leshan = leshan;
        }
    }
}
