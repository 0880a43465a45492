package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fleetsim.metrics.Counter;
import io.fleetsim.scenario.Scenario;

/** Leshan, on loopback, runs a Firmware Update (/5) on fleetsim's devices as an LwM2M server does. */
@Timeout(60)
class FirmwareUpdateAgainstLeshanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    @RegisterExtension
    static final LeshanServerExtension LESHAN = new LeshanServerExtension();

    @TempDir
    Path results;

    private FleetEngine start(String name, int count, String firmware) throws Exception {
        Scenario scenario = Scenarios.fleetWithGroupKeys(name, count, """
                objects: [5]
                rebootSeconds: 0.5
                firmware: %s""".formatted(firmware));
        return LESHAN.startRegistered(scenario, count, results);
    }

    private static Object value(String endpoint, String path) throws Exception {
        ReadResponse read = LESHAN.server().read(endpoint, path, null, TIMEOUT);
        assertThat(read.isSuccess()).as("%s %s: %s", endpoint, path, read).isTrue();
        return ((LwM2mSingleResource) read.getContent()).getValue();
    }

    private static void awaitState(String endpoint, long state, long within) throws Exception {
        long deadline = System.currentTimeMillis() + within;
        while (!Long.valueOf(state).equals(value(endpoint, "/5/0/3")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(value(endpoint, "/5/0/3")).as("State of %s", endpoint).isEqualTo(state);
    }

    @Test
    void leshanDownloadsAndUpdatesAndTheDeviceComesBackWithTheNewVersion() throws Exception {
        FleetEngine engine = start("fwok", 2, "{downloadSeconds: 1, updateSeconds: 1, version: \"2.0.0\"}");
        RunOutcome outcome;
        try {
            String ep = "fwok-000001";
            assertThat(value(ep, "/3/0/3")).isEqualTo("1.0.1");
            assertThat(LESHAN.server().send("fwok-000000", new ExecuteRequest("/5/0/2"), TIMEOUT).getCode().getName())
                    .as("Update with nothing downloaded").isEqualTo("METHOD_NOT_ALLOWED");

            assertThat(LESHAN.server().send(ep, new WriteRequest(5, 0, 1, "coap://127.0.0.1/fw/2.0.0"), TIMEOUT).isSuccess())
                    .isTrue();
            assertThat(value(ep, "/5/0/3")).isEqualTo(1L); // Downloading
            awaitState(ep, 2, 5_000);

            String registrationId = LESHAN.server().registration(ep).orElseThrow().getId();
            assertThat(LESHAN.server().send(ep, new ExecuteRequest("/5/0/2"), TIMEOUT).isSuccess()).isTrue();
            long deadline = System.currentTimeMillis() + 10_000;
            while (LESHAN.server().registration(ep).map(r -> r.getId().equals(registrationId)).orElse(true)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(LESHAN.server().registration(ep)).as("registered again after the update").isPresent()
                    .get().extracting(r -> r.getId()).isNotEqualTo(registrationId);

            assertThat(value(ep, "/3/0/3")).isEqualTo("2.0.0");
            assertThat(value(ep, "/5/0/3")).isEqualTo(0L);
            assertThat(value(ep, "/5/0/5")).isEqualTo(1L); // Firmware updated successfully
            assertThat(value("fwok-000000", "/3/0/3")).isEqualTo("1.0.0");
        } finally {
            outcome = engine.stop();
        }
        var totals = outcome.summary().totals();
        assertThat(totals.get(Counter.FIRMWARE_STARTED)).isEqualTo(1);
        assertThat(totals.get(Counter.FIRMWARE_DOWNLOADED)).isEqualTo(1);
        assertThat(totals.get(Counter.FIRMWARE_SUCCEEDED)).isEqualTo(1);
        assertThat(totals.get(Counter.FIRMWARE_FAILED)).isZero();
        assertThat(totals.get(Counter.REBOOTS)).isEqualTo(1);
    }

    @Test
    void withFailureShareOneEveryDownloadFails() throws Exception {
        FleetEngine engine = start("fwfail", 2, "{downloadSeconds: 0.5, failureShare: 1.0}");
        RunOutcome outcome;
        try {
            for (String ep : new String[] {"fwfail-000000", "fwfail-000001"}) {
                assertThat(LESHAN.server().send(ep, new WriteRequest(5, 0, 1, "coap://127.0.0.1/fw"), TIMEOUT).isSuccess())
                        .isTrue();
            }
            for (String ep : new String[] {"fwfail-000000", "fwfail-000001"}) {
                awaitState(ep, 0, 5_000);
                assertThat(value(ep, "/5/0/5")).as("Update Result of %s", ep).isEqualTo(4L);
                assertThat(LESHAN.server().send(ep, new ExecuteRequest("/5/0/2"), TIMEOUT).getCode().getName())
                        .isEqualTo("METHOD_NOT_ALLOWED");
            }
        } finally {
            outcome = engine.stop();
        }
        var totals = outcome.summary().totals();
        assertThat(totals.get(Counter.FIRMWARE_STARTED)).isEqualTo(2);
        assertThat(totals.get(Counter.FIRMWARE_FAILED)).isEqualTo(2);
        assertThat(totals.get(Counter.FIRMWARE_DOWNLOADED)).isZero();
    }
}
