package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ObserveCompositeRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadCompositeResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.Scenario;

/** Leshan, on loopback, does to fleetsim's devices what LwM2M servers do after registration. */
@Timeout(60)
class DeviceOperationsAgainstLeshanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    @RegisterExtension
    static final LeshanServerExtension LESHAN = new LeshanServerExtension();

    @TempDir
    Path results;

    private FleetEngine start(String name, int count, String groupExtra) throws Exception {
        Scenario scenario = Scenarios.fleetWithGroupKeys(name, count, groupExtra);
        return LESHAN.startRegistered(scenario, count, results);
    }

    @Test
    void registerListsTheObjectsAndLeshanReadsSensorValuesWithinTheirBounds() throws Exception {
        FleetEngine engine = start("objects", 2, """
                objects: [{id: 3303, instances: 2, min: -5, max: 5}, 3304, 3323, 3300, 4, 5, 6]""");
        try {
            Registration registration = LESHAN.server().registration("objects-000001").orElseThrow();
            assertThat(registration.getObjectLinks()).extracting(Link::getUriReference).contains(
                    "/1/0", "/3/0", "/3303/0", "/3303/1", "/3304/0", "/3323/0", "/3300/0", "/4/0", "/5/0", "/6/0");

            for (ContentFormat format : List.of(ContentFormat.TLV, ContentFormat.SENML_CBOR, ContentFormat.SENML_JSON)) {
                ReadResponse temperature = LESHAN.server().read("objects-000001", "/3303/1", format, TIMEOUT);
                assertThat(temperature.isSuccess()).as(temperature.toString()).isTrue();
                LwM2mObjectInstance instance = (LwM2mObjectInstance) temperature.getContent();
                assertThat((Double) instance.getResource(5700).getValue()).isBetween(-5.0, 5.0);
                assertThat(instance.getResource(5701).getValue()).isEqualTo("Cel");
            }
            ReadResponse pressure = LESHAN.server().read("objects-000001", "/3323/0/5700", null, TIMEOUT);
            assertThat((Double) ((LwM2mSingleResource) pressure.getContent()).getValue()).isBetween(950.0, 1050.0);
            ReadResponse location = LESHAN.server().read("objects-000001", "/6/0", ContentFormat.SENML_JSON, TIMEOUT);
            assertThat((Double) ((LwM2mObjectInstance) location.getContent()).getResource(0).getValue())
                    .isBetween(44.9, 55.1);
            ReadResponse connectivity = LESHAN.server().read("objects-000001", "/4/0/2", null, TIMEOUT);
            assertThat((Long) ((LwM2mSingleResource) connectivity.getContent()).getValue()).isBetween(-110L, -60L);
            ReadResponse absent = LESHAN.server().read("objects-000001", "/3303/2", null, TIMEOUT);
            assertThat(absent.getCode().getName()).isEqualTo("NOT_FOUND");
        } finally {
            engine.stop();
        }
    }

    @Test
    void sensorValuesRepeatWithTheSeedAndDifferBetweenDevices() throws Exception {
        FleetEngine first = start("seeded", 2, "objects: [{id: 3303, changeEverySeconds: 3600}]");
        double a0;
        double a1;
        try {
            a0 = sensorValue("seeded-000000");
            a1 = sensorValue("seeded-000001");
        } finally {
            first.stop();
        }
        FleetEngine second = start("seeded", 2, "objects: [{id: 3303, changeEverySeconds: 3600}]");
        try {
            assertThat(sensorValue("seeded-000000")).isEqualTo(a0);
            assertThat(a1).isNotEqualTo(a0);
        } finally {
            second.stop();
        }
    }

    private static double sensorValue(String endpoint) throws Exception {
        ReadResponse read = LESHAN.server().read(endpoint, "/3303/0/5700", null, TIMEOUT);
        return (Double) ((LwM2mSingleResource) read.getContent()).getValue();
    }

    @Test
    void observedSensorsNotifyBetweenPminAndPmaxUntilCancelled() throws Exception {
        int devices = 10;
        FleetEngine engine = start("observe", devices, "objects: [{id: 3303, changeEverySeconds: 0.5}]");
        Map<String, AtomicInteger> notifications = new ConcurrentHashMap<>();
        List<Observation> observations = new CopyOnWriteArrayList<>();
        ObservationListener listener = new Listener() {
            @Override
            public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
                notifications.computeIfAbsent(registration.getEndpoint(), e -> new AtomicInteger()).incrementAndGet();
            }
        };
        LESHAN.server().leshan().getObservationService().addListener(listener);
        try {
            for (int i = 0; i < devices; i++) {
                String endpoint = "observe-00000" + i;
                LwM2mResponse attributes = LESHAN.server().send(endpoint, new WriteAttributesRequest(3303, 0, 5700,
                        new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 1L),
                                LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, 5L))), TIMEOUT);
                assertThat(attributes.isSuccess()).as(attributes.toString()).isTrue();
                ObserveResponse observe = LESHAN.server().send(endpoint,
                        new ObserveRequest(ContentFormat.SENML_CBOR, "/3303/0/5700"), TIMEOUT);
                assertThat(observe.isSuccess()).as(observe.toString()).isTrue();
                observations.add(observe.getObservation());
            }
            notifications.clear();
            long startNanos = System.nanoTime();
            Thread.sleep(8_000);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            assertThat(notifications).hasSize(devices);
            for (var entry : notifications.entrySet()) {
                double rate = entry.getValue().get() / seconds;
                assertThat(rate).as("notifications/s of %s", entry.getKey()).isBetween(1.0 / 5 * 0.7, 1.0 * 1.15);
            }

            // Cancel: actively (GET with Observe=1) on half, passively (forget, then RST) on the rest.
            for (int i = 0; i < devices; i++) {
                SingleObservation observation = (SingleObservation) observations.get(i);
                String endpoint = "observe-00000" + i;
                if (i % 2 == 0) {
                    assertThat(LESHAN.server().send(endpoint, new CancelObservationRequest(observation), TIMEOUT).isSuccess())
                            .isTrue();
                } else {
                    LESHAN.server().leshan().getObservationService().cancelObservation(observation);
                }
            }
            Thread.sleep(3_000); // passive cancels end at the next notification's RST
            notifications.clear();
            Thread.sleep(3_000);
            assertThat(notifications).as("notifications after cancelling").isEmpty();
        } finally {
            LESHAN.server().leshan().getObservationService().removeListener(listener);
            RunOutcome outcome = engine.stop();
            var totals = outcome.summary().totals();
            assertThat(totals.get(Counter.OBSERVES_SERVED)).isEqualTo(devices);
            assertThat(totals.get(Counter.WRITE_ATTRIBUTES_SERVED)).isEqualTo(devices);
            assertThat(totals.get(Counter.OBSERVATIONS_ENDED)).isEqualTo(devices);
            assertThat(totals.get(Counter.OBSERVATIONS_RESET)).isEqualTo(devices / 2);
            assertThat(totals.get(Counter.NOTIFICATIONS_NON) + totals.get(Counter.NOTIFICATIONS_CON))
                    .isGreaterThan(devices * 2L);
        }
    }

    @Test
    void conNotificationsAreAcknowledgedAndCountedInTheSummary() throws Exception {
        int devices = 3;
        FleetEngine engine = start("confirm", devices, """
                objects: [{id: 3303, changeEverySeconds: 60}]
                notifications: {type: con}""");
        RunOutcome outcome;
        try {
            for (int i = 0; i < devices; i++) {
                String endpoint = "confirm-00000" + i;
                // attributes on the object, inherited by the observed resource; the value does not
                // change in the test, so pmax alone makes the notifications
                LESHAN.server().send(endpoint, new WriteAttributesRequest(3303, new LwM2mAttributeSet(
                        LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, 1L))), TIMEOUT);
                assertThat(LESHAN.server().send(endpoint, new ObserveRequest("/3303/0/5700"), TIMEOUT).isSuccess()).isTrue();
            }
            Thread.sleep(4_500);
        } finally {
            outcome = engine.stop();
        }
        var totals = outcome.summary().totals();
        long con = totals.get(Counter.NOTIFICATIONS_CON);
        assertThat(con).isBetween(devices * 3L, devices * 6L);
        assertThat(totals.get(Counter.NOTIFICATIONS_NON)).isZero();
        assertThat(totals.get(Counter.NOTIFICATIONS_ACKNOWLEDGED)).isBetween(con - devices, con);
        assertThat(totals.get(Counter.NOTIFICATIONS_LOST)).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> notifications = (Map<String, Object>) io.fleetsim.metrics.SummaryJson
                .build(outcome.summary()).get("notifications");
        assertThat(notifications.get("sent")).isEqualTo(Map.of("CON", con, "NON", 0L));
        assertThat(notifications.get("observations")).extracting("activeAtEnd").isEqualTo((long) devices);
        // every acknowledged CON has one latency sample: first transmission to ACK, on loopback well
        // under the first retransmission timeout
        var latency = outcome.summary().histograms().get(io.fleetsim.metrics.LatencyMetric.NOTIFICATION);
        assertThat(latency.getTotalCount()).isEqualTo(totals.get(Counter.NOTIFICATIONS_ACKNOWLEDGED));
        assertThat(latency.getMaxValue()).as("max µs").isPositive().isLessThan(2_000_000L);
        assertThat(notifications.get("latencyMs")).extracting("count")
                .isEqualTo(totals.get(Counter.NOTIFICATIONS_ACKNOWLEDGED));
    }

    @Test
    void readCompositeAndObserveCompositeCoverTwoPaths() throws Exception {
        FleetEngine engine = start("composite", 2, "objects: [{id: 3303, changeEverySeconds: 60}, 3304]");
        Map<String, AtomicInteger> notifications = new ConcurrentHashMap<>();
        ObservationListener listener = new Listener() {
            @Override
            public void onResponse(CompositeObservation observation, Registration registration,
                    ObserveCompositeResponse response) {
                if (response.getContent().size() == 2) {
                    notifications.computeIfAbsent(registration.getEndpoint(), e -> new AtomicInteger()).incrementAndGet();
                }
            }
        };
        LESHAN.server().leshan().getObservationService().addListener(listener);
        try {
            String ep = "composite-000001";
            ReadCompositeResponse read = LESHAN.server().send(ep, new ReadCompositeRequest(ContentFormat.SENML_CBOR,
                    ContentFormat.SENML_CBOR, "/3303/0/5700", "/3304/0/5700"), TIMEOUT);
            assertThat(read.isSuccess()).as(read.toString()).isTrue();
            assertThat(read.getContent()).hasSize(2);
            assertThat((Double) ((LwM2mSingleResource) read.getContent().get(new LwM2mPath(3304, 0, 5700))).getValue())
                    .isBetween(0.0, 100.0);
            for (String endpoint : List.of("composite-000000", ep)) {
                LESHAN.server().send(endpoint, new WriteAttributesRequest(3304, new LwM2mAttributeSet(
                        LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, 1L))), TIMEOUT);
                ObserveCompositeResponse observe = LESHAN.server().send(endpoint, new ObserveCompositeRequest(
                        ContentFormat.SENML_JSON, ContentFormat.SENML_JSON, "/3303/0/5700", "/3304/0/5700"), TIMEOUT);
                assertThat(observe.isSuccess()).as(observe.toString()).isTrue();
            }
            notifications.clear();
            Thread.sleep(3_500);
            assertThat(notifications).hasSize(2);
            assertThat(notifications.values()).allSatisfy(n -> assertThat(n.get()).isBetween(2, 5));
        } finally {
            LESHAN.server().leshan().getObservationService().removeListener(listener);
            engine.stop();
        }
    }

    @Test
    void writeDiscoverCreateDeleteAndTheRightErrorCodes() throws Exception {
        FleetEngine engine = start("ops", 1, "objects: [{id: 3303, instances: 1}, 6]");
        String ep = "ops-000000";
        try {
            assertThat(LESHAN.server().send(ep, new WriteRequest(3303, 0, 5750, "Fridge"), TIMEOUT).isSuccess()).isTrue();
            ReadResponse written = LESHAN.server().read(ep, "/3303/0/5750", null, TIMEOUT);
            assertThat(((LwM2mSingleResource) written.getContent()).getValue()).isEqualTo("Fridge");
            assertThat(LESHAN.server().send(ep, new WriteRequest(3303, 0, 5700, 12.5), TIMEOUT).getCode().getName())
                    .as("Sensor Value is read-only").isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(LESHAN.server().send(ep, new WriteRequest(3, 0, 14, "+02:00"), TIMEOUT).isSuccess()).isTrue();

            LESHAN.server().send(ep, new WriteAttributesRequest(3303, 0, 5700, new LwM2mAttributeSet(
                    LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 2L),
                    LwM2mAttributes.create(LwM2mAttributes.GREATER_THAN, 20.5))), TIMEOUT);
            DiscoverResponse discover = LESHAN.server().send(ep, new DiscoverRequest(3303), TIMEOUT);
            assertThat(discover.isSuccess()).as(discover.toString()).isTrue();
            List<String> links = java.util.Arrays.stream(discover.getObjectLinks()).map(Link::toCoreLinkFormat).toList();
            assertThat(links).contains("</3303>;ver=1.1", "</3303/0>", "</3303/0/5700>;pmin=2;gt=20.5");

            CreateResponse created = LESHAN.server().send(ep, new CreateRequest(ContentFormat.TLV, 3303,
                    new LwM2mObjectInstance(7, LwM2mSingleResource.newStringResource(5750, "Freezer"))), TIMEOUT);
            assertThat(created.isSuccess()).as(created.toString()).isTrue();
            ReadResponse object = LESHAN.server().read(ep, "/3303", ContentFormat.TLV, TIMEOUT);
            assertThat(((LwM2mObject) object.getContent()).getInstances()).containsOnlyKeys(0, 7);
            assertThat(LESHAN.server().read(ep, "/3303/7/5750", null, TIMEOUT).getContent())
                    .extracting(n -> ((LwM2mSingleResource) n).getValue()).isEqualTo("Freezer");
            assertThat(LESHAN.server().send(ep, new CreateRequest(ContentFormat.TLV, 6,
                    new LwM2mObjectInstance(1, LwM2mSingleResource.newFloatResource(0, 1.0))), TIMEOUT)
                    .getCode().getName()).as("Location has one instance").isEqualTo("METHOD_NOT_ALLOWED");

            assertThat(LESHAN.server().send(ep, new DeleteRequest(3303, 7), TIMEOUT).getCode().getName()).isEqualTo("DELETED");
            assertThat(LESHAN.server().read(ep, "/3303/7", null, TIMEOUT).getCode().getName()).isEqualTo("NOT_FOUND");
            assertThat(LESHAN.server().send(ep, new DeleteRequest(3, 0), TIMEOUT).getCode().getName())
                    .isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(LESHAN.server().send(ep, new ExecuteRequest(3303, 0, 5700), TIMEOUT).getCode().getName())
                    .as("Sensor Value is not executable").isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(LESHAN.server().send(ep, new ExecuteRequest(3303, 0, 5605), TIMEOUT).isSuccess()).isTrue();
            assertThat(LESHAN.server().send(ep, new ExecuteRequest(9, 0, 1), TIMEOUT).getCode().getName()).isEqualTo("NOT_FOUND");
            ReadResponse powerSource = LESHAN.server().read(ep, "/3/0/6/0", null, TIMEOUT);
            assertThat(((LwM2mResourceInstance) powerSource.getContent()).getValue()).isEqualTo(1L);
            assertThat(LESHAN.server().send(ep, new ReadRequest(3303, 0, 5605), TIMEOUT).getCode().getName())
                    .as("Read of an executable resource").isEqualTo("METHOD_NOT_ALLOWED");
        } finally {
            RunOutcome outcome = engine.stop();
            var totals = outcome.summary().totals();
            assertThat(totals.get(Counter.WRITES_SERVED)).isEqualTo(2);
            assertThat(totals.get(Counter.CREATES_SERVED)).isEqualTo(1);
            assertThat(totals.get(Counter.DELETES_SERVED)).isEqualTo(1);
            assertThat(totals.get(Counter.DISCOVERS_SERVED)).isEqualTo(1);
            assertThat(totals.get(Counter.EXECUTES_SERVED)).isEqualTo(1);
        }
    }

    @Test
    void executeRebootDeregistersAndRegistersAgainAfterTheRebootTime() throws Exception {
        FleetEngine engine = start("reboot", 1, "rebootSeconds: 2");
        try {
            Registration before = LESHAN.server().registration("reboot-000000").orElseThrow();
            ExecuteResponse reboot = LESHAN.server().send("reboot-000000", new ExecuteRequest(3, 0, 4), TIMEOUT);
            assertThat(reboot.isSuccess()).as(reboot.toString()).isTrue();

            Waiting.waitFor(() -> LESHAN.server().registration("reboot-000000").isEmpty(), 2_000);
            long goneAt = System.nanoTime();
            Waiting.waitFor(() -> LESHAN.server().registration("reboot-000000").isPresent(), 6_000);
            double awaySeconds = (System.nanoTime() - goneAt) / 1e9;
            assertThat(awaySeconds).isBetween(1.5, 4.0);
            assertThat(LESHAN.server().registration("reboot-000000").orElseThrow().getId()).isNotEqualTo(before.getId());
        } catch (Throwable t) {
            engine.stop();
            throw t; // the failure itself, not the totals of a run stopped half-way
        }
        RunOutcome outcome = engine.stop();
        assertThat(outcome.summary().totals().get(Counter.REBOOTS)).isEqualTo(1);
        assertThat(outcome.summary().totals().get(Counter.REGISTRATIONS)).isEqualTo(2);
    }

    /** An observation listener that hears nothing until a test overrides what it listens to. */
    private abstract static class Listener implements ObservationListener {
        @Override
        public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        }

        @Override
        public void newObservation(Observation observation, Registration registration) {
        }

        @Override
        public void cancelled(Observation observation) {
        }

        @Override
        public void onResponse(CompositeObservation observation, Registration registration,
                ObserveCompositeResponse response) {
        }

        @Override
        public void onError(Observation observation, Registration registration, Exception error) {
        }
    }

    /**
     * Queue mode with per-group registration settings: Leshan sees queue mode, the group's
     * lifetime and binding; a Read sent while the device sleeps goes unheard, and one sent when
     * Leshan sees the device awake again (its next Update) is answered.
     */
    @Test
    void aSleepingDeviceDropsTheReadAndAnswersOneSentAfterItsNextUpdate() throws Exception {
        Scenario scenario = Scenarios.parse("""
                name: queue
                durationSeconds: 3600
                groups:
                  - count: 1
                    endpointPrefix: sleepy-
                    lifetimeSeconds: 120
                    updateIntervalSeconds: 3
                    keepalive: {queueMode: true, awakeSeconds: 1}
                  - count: 1
                    endpointPrefix: awake-
                    binding: UN
                arrival:
                  rate: 1000
                """);
        FleetEngine engine = FleetEngine.start(scenario, LESHAN.target(), RunOptions.defaults(results));
        RunOutcome outcome;
        CompletableFuture<ReadResponse> afterWaking = new CompletableFuture<>();
        PresenceListener presence = new PresenceListener() {
            @Override
            public void onAwake(Registration registration) {
                // what a queue-mode application does with Leshan: send when the device is seen awake
                if (registration.getEndpoint().startsWith("sleepy-") && !afterWaking.isDone()) {
                    LESHAN.server().leshan().send(registration, new ReadRequest(3, 0, 9), 2_000,
                            afterWaking::complete, afterWaking::completeExceptionally);
                }
            }

            @Override
            public void onSleeping(Registration registration) {
            }
        };
        try {
            assertThat(engine.awaitRegistered(2, 10_000)).isTrue();
            String sleepyName = registeredEndpoint("sleepy-");
            String awakeName = registeredEndpoint("awake-");
            Registration sleepy = LESHAN.server().registration(sleepyName).orElseThrow();
            assertThat(sleepy.usesQueueMode()).isTrue();
            assertThat(sleepy.getLifeTimeInSec()).isEqualTo(120L);
            Registration awake = LESHAN.server().registration(awakeName).orElseThrow();
            assertThat(awake.usesQueueMode()).isFalse();
            assertThat(awake.getLifeTimeInSec()).isEqualTo(300L);
            assertThat(awake.getBindingMode()).containsExactlyInAnyOrder(BindingMode.U, BindingMode.N);

            // the device listens 1 s after its Register; Leshan believes it awake for 93 s
            Thread.sleep(1_500);
            assertThatThrownBy(() -> LESHAN.server().send(sleepyName, new ReadRequest(3, 0, 9), Duration.ofMillis(900)))
                    .isInstanceOf(TimeoutException.class);
            // the device that is not in queue mode answers at once
            assertThat(LESHAN.server().send(awakeName, new ReadRequest(3, 0, 9), Duration.ofSeconds(2)).isSuccess()).isTrue();

            LESHAN.server().leshan().getPresenceService().addListener(presence);
            ReadResponse read = afterWaking.get(8, TimeUnit.SECONDS);
            assertThat(read.isSuccess()).isTrue();
            assertThat(((LwM2mSingleResource) read.getContent()).getValue()).isInstanceOf(Long.class);
        } finally {
            LESHAN.server().leshan().getPresenceService().removeListener(presence);
            outcome = engine.stop();
        }
        var totals = outcome.summary().totals();
        assertThat(totals.get(Counter.QUEUE_REQUESTS_WHILE_ASLEEP)).isPositive();
        assertThat(totals.get(Counter.UPDATES)).as("the Update that woke it").isPositive();
        // the sleeping device is reachable about a third of its time, the other one all of it
        assertThat(totals.reachability()).isLessThan(0.9);
        @SuppressWarnings("unchecked")
        Map<String, Object> queueMode = (Map<String, Object>) SummaryJson.build(outcome.summary()).get("queueMode");
        assertThat(queueMode.get("requestsWhileAsleep")).isEqualTo(totals.get(Counter.QUEUE_REQUESTS_WHILE_ASLEEP));
    }

    private static String registeredEndpoint(String prefix) {
        return LESHAN.server().registrations().stream().map(Registration::getEndpoint).filter(e -> e.startsWith(prefix))
                .findFirst().orElseThrow(() -> new AssertionError("no registration starting with " + prefix));
    }
}
