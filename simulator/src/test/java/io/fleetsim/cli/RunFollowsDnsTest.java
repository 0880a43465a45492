package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;

/**
 * A service whose address changes: its name first points at a server on 127.0.0.1, and after a
 * 1 s TTL at another on 127.0.0.2, same port. The first server then goes away. Devices that follow
 * the DNS answers find the second one when they register again; devices told not to keep failing
 * against the first. Everything runs on loopback, with the DNS server made by the test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunFollowsDnsTest {

    private static final int DEVICES = 5;
    private static final String NAME = "svc.fleet.test";

    @TempDir
    Path dir;

    private Vertx vertx;
    private LoopbackRegistrar first;
    private LoopbackRegistrar second;

    @BeforeEach
    void startServers() {
        vertx = Vertx.vertx();
        first = LoopbackRegistrar.start(vertx, "127.0.0.1", 0).await();
        second = LoopbackRegistrar.start(vertx, "127.0.0.2", first.port()).await();
    }

    @AfterEach
    void stopServers() {
        second.close().await();
        vertx.close().await();
    }

    @Test
    void devicesFollowTheNewAddressAfterTheTtl() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer(NAME, "127.0.0.1", "127.0.0.2", 1)) {
            JsonNode summary = runAndMoveTheService(dns, "followTtl: true");

            assertThat(second.registered()).as("devices registered with the service's new address")
                    .containsAll(endpoints());
            JsonNode lookups = summary.path("dns");
            assertThat(lookups.path("newAddresses").asLong()).isEqualTo(1);
            assertThat(lookups.path("lookups").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(lookups.path("failures").asLong()).isZero();
            assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isEqualTo(DEVICES);
        }
    }

    @Test
    void devicesThatDoNotFollowKeepTheFirstAddress() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer(NAME, "127.0.0.1", "127.0.0.2", 1)) {
            JsonNode summary = runAndMoveTheService(dns, "followTtl: false");

            assertThat(second.registered()).isEmpty();
            assertThat(summary.path("dns").path("lookups").asLong()).as("the first lookup only").isEqualTo(1);
            assertThat(summary.path("dns").path("newAddresses").asLong()).isZero();
            assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isZero();
        }
    }

    @Test
    void aNameTheScenariosDnsServerDoesNotKnowIsBadInput() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer(NAME, "127.0.0.1", "127.0.0.2", 1)) {
            Path scenario = dir.resolve("unknown.yaml");
            Files.writeString(scenario, """
                    name: unknown-name
                    target: coap://other.fleet.test:%d
                    dns: {server: %s}
                    durationSeconds: 5
                    fleet: {count: 1}
                    """.formatted(first.port(), dns.address()));

            CliRun run = CliRun.of("run", scenario.toString(), "--out", dir.resolve("out").toString(), "--quiet");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).contains("target coap://other.fleet.test:" + first.port()
                    + ": cannot resolve the target host 'other.fleet.test': " + dns.address()
                    + " answered NXDOMAIN (no such name)");
            assertThat(first.registered()).isEmpty();
        }
    }

    /**
     * Runs the fleet against the name; once every device registered with the first server and
     * the DNS answer has changed, stops the first server. Returns summary.json.
     */
    private JsonNode runAndMoveTheService(LoopbackDnsServer dns, String follow) throws Exception {
        Path scenario = dir.resolve("dns.yaml");
        Files.writeString(scenario, """
                name: follow-dns
                target: coap://%s:%d
                dns: {server: %s, %s}
                durationSeconds: 80
                timeScale: 10
                lifetimeSeconds: 30
                updateIntervalSeconds: 1
                deregisterAtEnd: false
                coap: {ackTimeoutMs: 300, maxRetransmit: 1}
                registrationRetry: {initialSeconds: 1, maxSeconds: 2}
                fleet:
                  count: %d
                  endpointPrefix: dns-
                arrival: {rate: 100}
                """.formatted(NAME, first.port(), dns.address(), follow, DEVICES));
        Path out = dir.resolve("out");
        long started = System.nanoTime();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet"));
        while (!first.registered().containsAll(endpoints()) && !run.isDone()) {
            Thread.sleep(20);
        }
        long answerChanges = started + TimeUnit.MILLISECONDS.toNanos(1500);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(answerChanges - System.nanoTime())));
        first.close().await();

        CliRun result = run.get(25, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.out() + result.err()).isNotEqualTo(ExitCodes.BAD_INPUT);
        assertThat(first.registered()).as("every device registered with the first address")
                .containsAll(endpoints());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    private static java.util.List<String> endpoints() {
        return IntStream.range(0, DEVICES).mapToObj(i -> "dns-%06d".formatted(i)).toList();
    }
}
