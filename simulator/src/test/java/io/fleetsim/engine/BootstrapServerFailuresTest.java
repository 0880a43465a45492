package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.Scenario;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A run whose bootstrap server misbehaves, over real UDP on loopback: the bootstrapping group's
 * devices count the failure by cause and try again; the group beside it registers at Leshan as
 * usual, and the run keeps its figures.
 */
@Timeout(60)
class BootstrapServerFailuresTest {

    @RegisterExtension
    static final LeshanServerExtension LESHAN = new LeshanServerExtension();

    @TempDir
    Path results;

    private Vertx vertx;
    private BadBootstrapServer bootstrapServer;

    @BeforeEach
    void setUp() {
        vertx = FleetVertx.oneEventLoop();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (bootstrapServer != null) {
            bootstrapServer.socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBootstrapServerAnswering403IsCountedAndTheOtherGroupRegistersAsUsual() throws Exception {
        bootstrapServer = BadBootstrapServer.start(vertx, ResponseCode.FORBIDDEN);
        RunOutcome outcome = runFor(bootstrapServer.port(), "");

        Map<String, Object> bootstrap = bootstrapBlock(outcome);
        assertThat(outcome.summary().totals().get(Counter.BOOTSTRAP_ATTEMPTS))
                .isEqualTo(bootstrapServer.requests.get()).isGreaterThanOrEqualTo(10);
        assertThat(bootstrap.get("successes")).isEqualTo(0L);
        assertThat(bootstrap.get("failures")).isEqualTo(
                Map.of("error-response:4.03", outcome.summary().totals().get(Counter.BOOTSTRAP_FAILURES)));
        assertThat(outcome.summary().totals().get(Counter.REGISTRATIONS)).isEqualTo(5);
        assertThat(LESHAN.server().registrations()).noneMatch(r -> r.getEndpoint().startsWith("bs403-"));
    }

    @Test
    void aBootstrapServerThatNeverFinishesCountsNoFinish() throws Exception {
        bootstrapServer = BadBootstrapServer.start(vertx, ResponseCode.CHANGED);
        RunOutcome outcome = runFor(bootstrapServer.port(), ", finishTimeoutSeconds: 2");

        Map<String, Object> bootstrap = bootstrapBlock(outcome);
        assertThat(bootstrap.get("failures")).isEqualTo(
                Map.of("no-finish", outcome.summary().totals().get(Counter.BOOTSTRAP_FAILURES)));
        assertThat(outcome.summary().totals().get(Counter.BOOTSTRAP_FAILURES)).isGreaterThanOrEqualTo(10);
        assertThat(outcome.summary().totals().get(Counter.REGISTRATIONS)).isEqualTo(5);
    }

    /** 5 devices registering at Leshan and 10 bootstrapping at {@code port}, for 8 simulated s at twice real time. */
    private RunOutcome runFor(int port, String bootstrapKeys) throws Exception {
        String prefix = bootstrapKeys.isEmpty() ? "bs403-" : "bsnofin-";
        Scenario scenario = Scenarios.parse("""
                name: bootstrap-failure
                durationSeconds: 8
                timeScale: 2
                groups:
                  - name: direct
                    count: 5
                    endpointPrefix: direct-
                    transport: udp
                  - name: bootstrapping
                    count: 10
                    endpointPrefix: %s
                    transport: udp
                    bootstrap: {uri: "coap://127.0.0.1:%d"%s}
                    registrationRetry: {initialSeconds: 2, jitter: 0}
                arrival:
                  rate: 100
                """.formatted(prefix, port, bootstrapKeys));
        return FleetEngine.run(scenario, LESHAN.target(), RunOptions.defaults(results));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bootstrapBlock(RunOutcome outcome) {
        return (Map<String, Object>) SummaryJson.build(outcome.summary()).get("bootstrap");
    }

    /** Answers every CoAP request with one code and sends nothing of its own: no Write, no Finish. */
    private static final class BadBootstrapServer {
        final DatagramSocket socket;
        final AtomicInteger requests = new AtomicInteger();
        private final ResponseCode code;

        private BadBootstrapServer(Vertx vertx, ResponseCode code) {
            this.socket = vertx.createDatagramSocket();
            this.code = code;
        }

        static BadBootstrapServer start(Vertx vertx, ResponseCode code) throws Exception {
            BadBootstrapServer server = new BadBootstrapServer(vertx, code);
            server.socket.handler(packet -> server.onDatagram(packet.data().getBytes(), packet.sender()));
            server.socket.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            return server;
        }

        int port() {
            return socket.localAddress().port();
        }

        private void onDatagram(byte[] bytes, SocketAddress from) {
            Message message;
            try {
                message = new UdpDataParser().parseMessage(bytes);
            } catch (RuntimeException notCoap) {
                return;
            }
            if (!(message instanceof Request request) || request.getCode() != Code.POST) {
                return;
            }
            requests.incrementAndGet();
            Response response = new Response(code);
            response.setType(Type.ACK);
            response.setMID(request.getMID());
            response.setToken(request.getToken());
            socket.send(Buffer.buffer(new UdpDataSerializer().getByteArray(response)), from.port(), from.host());
        }
    }
}
