package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Devices retrying as LwM2M 1.1 clients (registrationRetry mode lwm2m) against a server that never
 * answers: each device's Registers follow the Server object's communication sequences (retry
 * timer doubling within a sequence, the sequence delay between sequences), and the device gives
 * up after its last sequence.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Lwm2mRegistrationRetryTest {

    private static final int DEVICES = 3;
    private static final double TIME_SCALE = 10;

    @TempDir
    Path dir;

    @Test
    void registersFollowTheCommunicationSequencesThenTheDeviceGivesUp() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Map<String, List<Long>> sentAtNanos = new ConcurrentHashMap<>();
            Thread recorder = new Thread(() -> record(silent, sentAtNanos), "silent-server");
            recorder.setDaemon(true);
            recorder.start();
            // Each Register times out after exactly 1 s (no retransmission, random factor 1); a
            // sequence is 3 attempts, 4 s doubling between them, 30 s between the 2 sequences.
            var scenario = InProcessRun.scenario("lwr", DEVICES, silent.getLocalPort(), """
                    durationSeconds: 90
                    timeScale: %s
                    coap:
                      ackTimeoutMs: 1000
                      ackRandomFactor: 1.0
                      maxRetransmit: 0
                    registrationRetry:
                      mode: lwm2m
                      retryCount: 3
                      retryTimerSeconds: 4
                      sequenceDelaySeconds: 30
                      sequenceRetryCount: 2
                    """.formatted(TIME_SCALE));

            JsonNode summary = InProcessRun.of(scenario, silent.getLocalPort(), dir).summary();

            sentAtNanos.remove("lwr-preflight"); // the run's reachability check before the fleet starts
            assertThat(sentAtNanos).as("Registers by endpoint").hasSize(DEVICES);
            double[] expected = {5, 9, 31, 5, 9}; // simulated s between Registers: timeout + wait
            sentAtNanos.forEach((endpoint, times) -> {
                assertThat(times).as("Registers of %s: 2 sequences of 3", endpoint).hasSize(6);
                for (int i = 1; i < times.size(); i++) {
                    double gap = (times.get(i) - times.get(i - 1)) / 1e9 * TIME_SCALE;
                    assertThat(gap).as("simulated s from Register %d to %d of %s; all gaps %s", i, i + 1, endpoint,
                            Arrays.toString(expected)).isBetween(expected[i - 1] - 0.5, expected[i - 1] + 2.0);
                }
            });
            JsonNode registration = summary.path("registration");
            assertThat(registration.path("attempts").asLong()).isEqualTo(6L * DEVICES);
            assertThat(registration.path("gaveUp").asLong()).as("devices that gave up").isEqualTo(DEVICES);
            JsonNode groups = summary.path("groups");
            assertThat(groups).as("groups[]").isNotEmpty();
            long gaveUpByGroup = 0;
            for (JsonNode group : groups) {
                assertThat(group.has("registrationGaveUp")).as("group %s has registrationGaveUp", group.path("name"))
                        .isTrue();
                gaveUpByGroup += group.path("registrationGaveUp").asLong();
            }
            assertThat(gaveUpByGroup).as("give-ups of all groups").isEqualTo(DEVICES);
            assertThat(registration.path("failures").path("timeout").asLong()).isEqualTo(6L * DEVICES);
        }
    }

    private static void record(DatagramSocket socket, Map<String, List<Long>> sentAtNanos) {
        byte[] buffer = new byte[2048];
        UdpDataParser parser = new UdpDataParser();
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException closed) {
                return;
            } catch (java.io.IOException e) {
                continue;
            }
            long now = System.nanoTime();
            Message message = parser.parseMessage(Arrays.copyOf(packet.getData(), packet.getLength()));
            if (message instanceof Request request && request.getOptions().getUriPathString().equals("rd")) {
                String endpoint = request.getOptions().getUriQueryStrings().stream()
                        .filter(q -> q.startsWith("ep=")).findFirst().orElseThrow().substring(3);
                sentAtNanos.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(now);
            }
        }
    }
}
