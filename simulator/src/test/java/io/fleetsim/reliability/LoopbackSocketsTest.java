package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.server.MinimalLwm2mResponder;
import io.vertx.core.Vertx;

/**
 * Nothing a {@code fleetsim run} opens for a loopback target is bound beyond 127.0.0.1, over every
 * transport and with the metrics endpoint on, and a target named {@code localhost} is no
 * exception: the name is resolved once before the run, so no event loop opens a resolver socket
 * on the wildcard address. The child's sockets are listed several times while its devices talk.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LoopbackSocketsTest {

    private static final int SAMPLES = 5;

    @TempDir
    Path dir;

    @Test
    void everyTransportAndTheMetricsEndpointStayOnLoopback() throws Exception {
        Path scenario = write("every-transport.yaml", """
                name: every-transport
                durationSeconds: 3600
                groups:
                  - {name: udp, count: 3, endpointPrefix: u-, transport: udp}
                  - name: dtls
                    count: 3
                    endpointPrefix: d-
                    transport: dtls
                    security: {mode: psk, pskIdentity: "{endpoint}", pskKeySeed: "loopback test"}
                  - {name: tcp, count: 3, endpointPrefix: t-, transport: tcp}
                  - {name: tls, count: 3, endpointPrefix: s-, transport: tls}
                arrival:
                  rate: 200
                """);

        assertRegistersOnLoopbackOnly(12, "run", scenario.toString(), "--metrics-port", "0");
        try (var files = Files.walk(dir.resolve("results"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("the PSK seed in %s", file).doesNotContain("loopback test");
            }
        }
        assertThat(Files.readString(dir.resolve("results/scenario.yaml"))).contains("pskKeySeed: \"<hidden>\"");
    }

    @Test
    void aTargetNamedLocalhostIsResolvedOnceWithoutAResolverSocket() throws Exception {
        Vertx serverVertx = Vertx.vertx();
        try {
            MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(serverVertx).await();
            Path scenario = write("localhost.yaml", """
                    name: localhost
                    target: coap://localhost:%d
                    durationSeconds: 3600
                    fleet: {count: 6, endpointPrefix: l-}
                    arrival:
                      rate: 200
                    """.formatted(responder.port()));

            assertRegistersOnLoopbackOnly(6, "run", scenario.toString());
        } finally {
            serverVertx.close().await();
        }
    }

    /** Runs the child until its devices registered, lists its sockets meanwhile, then stops it. */
    private void assertRegistersOnLoopbackOnly(int devices, String... args) throws Exception {
        Path out = dir.resolve("results");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--out", out.toString(), "--quiet")).toArray(String[]::new);
        try (ChildFleetsim child = ChildFleetsim.start(dir, all)) {
            child.awaitLines(out.resolve("timeline.csv"), 2, 60);
            for (int i = 0; i < SAMPLES; i++) {
                assertThat(ListeningSockets.beyondLoopback(child.process().pid()))
                        .as("sockets beyond loopback, sample %d; child output:%n%s", i, child.output()).isEmpty();
                Thread.sleep(300);
            }
            child.process().destroy();
            assertThat(child.awaitExit(15)).as(child.output()).isEqualTo(3);
        }
        var summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("devices").path("registered").asInt()).as(summary.toString()).isEqualTo(devices);
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }
}
