package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a user watching a run sees: progress lines on standard error and the Prometheus endpoint. */
@Timeout(120)
class ProgressAndMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)(\\{[^}]*\\})? (\\S+)$");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Path scenario(String name, int devices, int seconds) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                durationSeconds: %d
                lifetimeSeconds: 600
                fleet:
                  count: %d
                  endpointPrefix: %s-
                arrival:
                  rate: 500
                thresholds:
                  - devices.registered >= %d
                """.formatted(name, seconds, devices, name, devices));
        return file;
    }

    @Test
    void withoutATerminalProgressComesAsPlainLinesEveryInterval() throws IOException {
        CliRun run = CliRun.of("run", scenario("plain", 10, 3).toString(), "--out", dir.resolve("plain").toString(),
                "--progress-interval", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.err()).doesNotContain("\r");
        assertThat(run.err().lines().filter(l -> l.startsWith("t=")))
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(l -> l.matches("t=\\d+s/3s registered=\\d+/10 rate=\\d+\\.\\d/s p99=(-|[0-9.]+ms) errors=0"));
        assertThat(run.err().lines().filter(l -> l.startsWith("t=")).reduce((a, b) -> b).orElseThrow())
                .contains("registered=10/10").containsPattern("p99=[0-9.]+ms");
    }

    @Test
    void quietMeansNoProgressAndABadIntervalIsBadInput() throws IOException {
        Path file = scenario("quiet", 1, 1);
        CliRun bad = CliRun.of("run", file.toString(), "--progress-interval", "0");
        CliRun hostOnly = CliRun.of("run", file.toString(), "--metrics-host", "0.0.0.0");

        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--progress-interval");
        assertThat(hostOnly.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(hostOnly.err()).contains("--metrics-host: needs --metrics-port");
    }

    @Test
    void metricsEndpointServesTheRunsFiguresOnLoopbackOnly() throws Exception {
        int port = freePort();
        Path out = dir.resolve("metrics");
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of("run",
                scenarioUnchecked("metrics", 20, 8).toString(), "--out", out.toString(), "--quiet",
                "--metrics-port", Integer.toString(port)));

        // latency percentiles follow the results writer, up to one reporting period behind the counters
        Map<String, Double> scraped = scrapeUntil(port, m -> m.getOrDefault("fleetsim_devices_registered", 0.0) >= 20
                && !m.getOrDefault("fleetsim_registration_latency_seconds{quantile=\"0.99\"}", Double.NaN).isNaN());
        assertThat(connects("127.0.0.2", port)).as("bound to 127.0.0.1 only, not to every address").isFalse();
        CliRun run = running.get(60, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PASS);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(scraped.get("fleetsim_devices_registered")).isEqualTo(20.0);
        assertThat(scraped.get("fleetsim_devices_planned")).isEqualTo(20.0);
        assertThat(scraped.get("fleetsim_registrations_total"))
                .isEqualTo(summary.path("registration").path("successes").asDouble()).isEqualTo(20.0);
        assertThat(scraped.get("fleetsim_registration_attempts_total"))
                .isEqualTo(summary.path("registration").path("attempts").asDouble());
        assertThat(scraped.get("fleetsim_devices_started_total")).isEqualTo(20.0);
        assertThat(scraped.get("fleetsim_retransmissions_total")).isEqualTo(summary.path("retransmissions").asDouble());
        assertThat(scraped).doesNotContainKey("fleetsim_failures_total");
        assertThat(summary.path("registration").path("failures").size()).isZero();
        assertThat(scraped.get("fleetsim_registration_latency_seconds{quantile=\"0.99\"}"))
                .as("p99 in seconds").isPositive().isLessThan(5.0);
        assertThat(connects("127.0.0.1", port)).as("closed when the run ends").isFalse();
    }

    @Test
    void failuresAreCountedByCause() throws Exception {
        int port = freePort();
        Path file = dir.resolve("silent.yaml");
        // Nothing answers on the discard port: every Register times out.
        // 600 simulated seconds at time scale 100: 6 s of wall time to scrape in
        Files.writeString(file, Files.readString(scenario("silent", 3, 600)).replace("durationSeconds: 600",
                "durationSeconds: 600\ntarget: coap://127.0.0.1:9\ntimeScale: 100\ncoap:\n  ackTimeoutMs: 1000\n  maxRetransmit: 1"));
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of("run", file.toString(),
                "--out", dir.resolve("silent").toString(), "--quiet", "--metrics-port", Integer.toString(port)));

        Map<String, Double> scraped = scrapeUntil(port,
                m -> m.getOrDefault("fleetsim_failures_total{cause=\"timeout\",operation=\"registration\"}", 0.0) >= 3);
        CliRun run = running.get(60, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(scraped.get("fleetsim_devices_registered")).isZero();
        assertThat(scraped.get("fleetsim_retransmissions_total")).isGreaterThanOrEqualTo(3.0);
        assertThat(scraped.get("fleetsim_registration_latency_seconds{quantile=\"0.5\"}")).isNaN();
    }

    private Path scenarioUnchecked(String name, int devices, int seconds) {
        try {
            return scenario(name, devices, seconds);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Scrapes /metrics on 127.0.0.1 until the condition holds (or 30 s pass) and returns the last samples. */
    private Map<String, Double> scrapeUntil(int port, java.util.function.Predicate<Map<String, Double>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Double> last = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
                last = samples(response.body());
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException notYetListening) {
                // the run is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the condition did not hold within 30 s; last scrape: " + last);
    }

    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.valueOf(m.group(3)));
        }
        return samples;
    }

    private static boolean connects(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
