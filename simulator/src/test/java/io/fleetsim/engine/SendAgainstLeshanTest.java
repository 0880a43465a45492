package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.SendRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.send.SendListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/** Leshan (and the embedded TCP server), on loopback, receive the LwM2M Sends (POST /dp, SenML CBOR) of fleetsim's devices. */
@Timeout(60)
class SendAgainstLeshanTest {

    private static final LwM2mPath TEMPERATURE = new LwM2mPath("/3303/0/5700");
    private static final LwM2mPath BATTERY = new LwM2mPath("/3/0/9");
    @RegisterExtension
    static final LeshanServerExtension LESHAN = new LeshanServerExtension();

    @TempDir
    Path results;

    /** What Leshan's send listener got, by endpoint. */
    private final Map<String, List<SendRequest>> received = new ConcurrentHashMap<>();
    private final SendListener listener = new SendListener() {
        @Override
        public void dataReceived(Registration registration, TimestampedLwM2mNodes data, SendRequest request) {
            received.computeIfAbsent(registration.getEndpoint(), e -> new CopyOnWriteArrayList<>()).add(request);
        }

        @Override
        public void onError(Registration registration, String message, Exception error) {
        }
    };

    @AfterEach
    void removeListener() {
        LESHAN.server().leshan().getSendService().removeListener(listener);
    }

    private FleetEngine start(String name, int count, String groupKeys) throws Exception {
        LESHAN.server().leshan().getSendService().addListener(listener);
        return LESHAN.startRegistered(Scenarios.fleetWithGroupKeys(name, count, groupKeys), count, results);
    }

    private int receivedFrom(String endpoint) {
        return received.getOrDefault(endpoint, List.of()).size();
    }

    private void awaitSends(List<String> endpoints, int atLeast, long withinMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + withinMillis;
        while (endpoints.stream().anyMatch(ep -> receivedFrom(ep) < atLeast) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void everyDeviceSendsTheCurrentValuesOfItsPathsAndTheSummaryCountsTheAcknowledgements() throws Exception {
        List<String> endpoints = List.of("send-000000", "send-000001", "send-000002");
        FleetEngine engine = start("send", endpoints.size(), """
                objects: [{id: 3303, min: -10, max: 40}]
                send: {everySeconds: 1, paths: [/3303/0/5700, /3/0/9]}""");
        RunOutcome outcome;
        try {
            awaitSends(endpoints, 2, 10_000);
        } finally {
            outcome = engine.stop();
        }
        for (String ep : endpoints) {
            assertThat(receivedFrom(ep)).as("Sends Leshan got from %s", ep).isGreaterThanOrEqualTo(2);
            for (SendRequest request : received.get(ep)) {
                assertThat(request.getFormat()).isEqualTo(ContentFormat.SENML_CBOR);
                Map<LwM2mPath, LwM2mNode> nodes = request.getTimestampedNodes().getMostRecentNodes();
                assertThat(nodes.keySet()).as("paths sent by %s", ep).containsExactlyInAnyOrder(TEMPERATURE, BATTERY);
                assertThat((Double) ((LwM2mSingleResource) nodes.get(TEMPERATURE)).getValue()).isBetween(-10.0, 40.0);
                assertThat((Long) ((LwM2mSingleResource) nodes.get(BATTERY)).getValue()).isBetween(0L, 100L);
            }
        }
        var totals = outcome.summary().totals();
        long got = received.values().stream().mapToLong(List::size).sum();
        Map<String, Long> failed = totals.failures(FailureKind.SEND);
        // a Send whose answer was still on its way when the device closed its socket at the stop is
        // counted failed ("closed"); every other one Leshan received was acknowledged with 2.04
        long closedAtStop = failed.getOrDefault("closed", 0L);
        assertThat(failed.keySet()).as("failures by cause").isSubsetOf("closed");
        assertThat(totals.get(Counter.SEND_ACKNOWLEDGED)).isBetween(got - closedAtStop, got);
        assertThat(totals.get(Counter.SEND_SENT)).isGreaterThanOrEqualTo(got);

        JsonNode send = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile()).path("send");
        assertThat(send.path("acknowledged").asLong()).isEqualTo(totals.get(Counter.SEND_ACKNOWLEDGED));
        assertThat(send.path("sent").asLong()).isEqualTo(totals.get(Counter.SEND_SENT));
        assertThat(send.path("failed").isObject()).isTrue();
    }

    @Test
    void theEmbeddedTcpServerAcknowledgesSends() throws Exception {
        FleetPki pki = StreamTransports.pki();
        RunOutcome outcome;
        try (EmbeddedTcpLwm2mServer server = StreamTransports.start(pki)) {
            FleetEngine engine = FleetEngine.start(StreamTransports.fleet("sendtcp", 2, Transport.TCP,
                    "send: {everySeconds: 1, paths: [/3/0/9]}", "timeScale: 4"),
                    StreamTransports.target(server, Transport.TCP, pki), RunOptions.defaults(results));
            try {
                assertThat(engine.awaitRegistered(2, 20_000)).isTrue();
                Thread.sleep(1_500); // 6 simulated seconds: 5 or more Sends per device
            } finally {
                outcome = engine.stop();
            }
        }
        var totals = outcome.summary().totals();
        assertThat(totals.get(Counter.SEND_ACKNOWLEDGED)).isGreaterThanOrEqualTo(8);
        assertThat(totals.failures(FailureKind.SEND).keySet()).isSubsetOf("closed");
    }

    @Test
    void aRebootingDeviceSendsNothingUntilItIsRegisteredAgain() throws Exception {
        String ep = "sendboot-000000";
        FleetEngine engine = start("sendboot", 1, """
                rebootSeconds: 3
                send: {everySeconds: 1, paths: [/3/0/9]}""");
        RunOutcome outcome;
        int beforeReboot;
        int duringReboot;
        try {
            awaitSends(List.of(ep), 1, 5_000);
            String registrationId = LESHAN.server().registration(ep).orElseThrow().getId();
            assertThat(LESHAN.server().send(ep, new ExecuteRequest("/3/0/4"), Duration.ofSeconds(5)).isSuccess()).isTrue();
            long deadline = System.currentTimeMillis() + 5_000;
            while (LESHAN.server().registration(ep).isPresent() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(LESHAN.server().registration(ep)).as("de-registered by the reboot").isEmpty();
            beforeReboot = receivedFrom(ep);
            Thread.sleep(2_000); // within the 3 s the device stays away
            duringReboot = receivedFrom(ep) - beforeReboot;
            deadline = System.currentTimeMillis() + 10_000;
            while (LESHAN.server().registration(ep).map(r -> r.getId().equals(registrationId)).orElse(true)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(LESHAN.server().registration(ep)).as("registered again").isPresent();
            awaitSends(List.of(ep), beforeReboot + 1, 5_000);
        } finally {
            outcome = engine.stop();
        }
        assertThat(duringReboot).as("Sends while de-registered").isZero();
        assertThat(receivedFrom(ep)).as("Sends after registering again").isGreaterThan(beforeReboot);
        var totals = outcome.summary().totals();
        assertThat(totals.failures(FailureKind.SEND).keySet()).isSubsetOf("closed");
    }
}
