package io.fleetsim.device;

import static io.fleetsim.device.BootstrapNodes.security;
import static io.fleetsim.device.BootstrapNodes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fleetsim.base.OnEventLoop;
import io.fleetsim.base.ObjectModels;
import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.nat.ConnectionNat;
import io.fleetsim.nat.DevicePath;
import io.fleetsim.nat.PathTracker;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.PskCredentials;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;

/**
 * A device's bootstrap on its own: no engine, no socket. The device's {@link DeviceContext} hands
 * it a scripted bootstrap server (which answers the Bootstrap-Request and then sends its requests
 * to the device, recording the answers) and a scripted LwM2M server for whatever server the
 * bootstrap hands out. The clock runs 20x faster.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BootstrapDeviceTest {

    private static final double TIME_SCALE = 20;
    private static final String BOOTSTRAP_URI = "coap://127.0.0.1:5690";
    private static final DefaultLwM2mEncoder ENCODER = new DefaultLwM2mEncoder();

    private final ShardMetrics metrics = new ShardMetrics();
    private final List<ServerAddress> asked = new CopyOnWriteArrayList<>();
    private final List<Security> credentials = new CopyOnWriteArrayList<>();
    private Context context;
    private SimClock clock;
    private Scripted bootstrapServer;
    private Scripted lwm2mServer;
    private Scripted groupServer;
    private VirtualDevice device;

    @BeforeEach
    void setUp(Vertx vertx) {
        context = vertx.getOrCreateContext();
        clock = new SimClock(vertx, TIME_SCALE);
        groupServer = new Scripted(request -> null);
        lwm2mServer = new Scripted(request -> null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (device != null) {
            onLoop(() -> {
                device.abandon();
                return null;
            });
        }
    }

    @Test
    void bootstrapsAndRegistersAtTheHandedOutServerWithItsLifetimeAndBinding() throws Exception {
        List<ServerCall> calls = List.of(
                write("0/0", ContentFormat.TLV, security(0, "coap://127.0.0.1:5690", true, 3, null, null, null)),
                delete(""),
                delete("0/0"),
                write("0/1", ContentFormat.TLV, security(1, "coap://127.0.0.1:5999", false, 3, null, null, 123)),
                write("1/0", ContentFormat.SENML_CBOR, server(0, 123, 300, "UQ")),
                discover(""),
                discover("0"),
                read("1"),
                read("0"),
                new ServerCall(Request.newPost(), "3/0/4"),
                finish());
        bootstrapServer = new Scripted(acceptBootstrapThen(calls));
        start(BOOTSTRAP_URI, "");

        waitUntil(() -> lwm2mServer.sent.stream().anyMatch(r -> r.getOptions().getUriPathString().equals("rd")));
        assertThat(bootstrapServer.answers).extracting(Response::getCode).containsExactly(
                ResponseCode.CHANGED, ResponseCode.DELETED, ResponseCode.BAD_REQUEST, ResponseCode.CHANGED,
                ResponseCode.CHANGED, ResponseCode.CONTENT, ResponseCode.CONTENT, ResponseCode.CONTENT,
                ResponseCode.UNAUTHORIZED, ResponseCode.METHOD_NOT_ALLOWED, ResponseCode.CHANGED);
        assertThat(bootstrapServer.sent).hasSize(1);
        Request bootstrapRequest = bootstrapServer.sent.get(0);
        assertThat(bootstrapRequest.getOptions().getUriPathString()).isEqualTo("bs");
        assertThat(bootstrapRequest.getOptions().getUriQueryStrings()).containsExactly("ep=bs-000000");
        // the bootstrap account survived the Delete of / and the Delete of itself
        assertThat(bootstrapServer.answers.get(5).getPayloadString()).isEqualTo(
                "</>;lwm2m=1.1,</0/0>,</0/1>;ssid=123;uri=\"coap://127.0.0.1:5999\",</1/0>;ssid=123,</3/0>");
        assertThat(bootstrapServer.answers.get(6).getPayloadString())
                .isEqualTo("</0/0>,</0/1>;ssid=123;uri=\"coap://127.0.0.1:5999\"");
        LwM2mNode readBack = new DefaultLwM2mDecoder().decode(bootstrapServer.answers.get(7).getPayload(),
                ContentFormat.TLV, null, new LwM2mPath(1), ObjectModels.DEVICE_MODEL);
        assertThat(readBack.toString()).contains("value=300").contains("value=UQ");

        assertThat(asked).extracting(ServerAddress::uri).containsExactly(BOOTSTRAP_URI, "coap://127.0.0.1:5999");
        assertThat(asked).extracting(ServerAddress::transport).containsExactly(Transport.UDP, Transport.UDP);
        assertThat(credentials.get(1)).isEqualTo(Security.NONE);
        Request register = lwm2mServer.sent.get(0);
        assertThat(register.getOptions().getUriQueryStrings()).contains("ep=bs-000000", "lt=300", "b=UQ");
        assertThat(groupServer.sent).as("nothing goes to the group's own server").isEmpty();
        waitUntil(() -> onLoopQuietly(() -> device.isRegistered()));
        assertThat(metrics.get(Counter.BOOTSTRAP_ATTEMPTS)).isEqualTo(1);
        assertThat(metrics.get(Counter.BOOTSTRAP_SUCCESSES)).isEqualTo(1);
        assertThat(metrics.get(Counter.BOOTSTRAP_FAILURES)).isZero();
        assertThat(metrics.inFlight(FailureKind.BOOTSTRAP)).isZero();
        assertThat(metrics.takeInterval(LatencyMetric.BOOTSTRAP).getTotalCount()).isEqualTo(1);
        assertThat(onLoop(() -> device.account().lifetimeSeconds())).isEqualTo(300);
    }

    @Test
    void aPskAccountIsReachedOverDtlsWithTheHandedOutIdentityAndKey() throws Exception {
        byte[] key = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        bootstrapServer = new Scripted(acceptBootstrapThen(List.of(
                delete(""),
                write("0/1", ContentFormat.TLV, security(1, "coaps://127.0.0.1:5998", false, 0,
                        "handed-identity".getBytes(StandardCharsets.UTF_8), key, 7)),
                write("1/0", ContentFormat.TLV, server(0, 7, 120, "U")),
                finish())));
        start(BOOTSTRAP_URI, "");

        waitUntil(() -> !lwm2mServer.sent.isEmpty());
        assertThat(asked.get(1).transport()).isEqualTo(Transport.DTLS);
        assertThat(asked.get(1).port()).isEqualTo(5998);
        Security handed = credentials.get(1);
        assertThat(handed.mode()).isEqualTo(Security.Mode.PSK);
        PskCredentials psk = new PskCredentials(handed);
        assertThat(psk.identity("bs-000000")).isEqualTo("handed-identity");
        assertThat(psk.key("handed-identity")).hasValue(key);
        assertThat(lwm2mServer.sent.get(0).getOptions().getUriQueryStrings()).contains("lt=120");
    }

    @Test
    void aRefusedBootstrapRequestIsCountedByItsCodeAndTriedAgainAfterTheBackOff() throws Exception {
        bootstrapServer = new Scripted(request -> answer(ResponseCode.FORBIDDEN));
        start(BOOTSTRAP_URI, "");

        waitUntil(() -> bootstrapServer.sent.size() >= 2);
        assertThat(metrics.failures(FailureKind.BOOTSTRAP)).containsOnlyKeys("error-response:4.03");
        assertThat(metrics.get(Counter.BOOTSTRAP_FAILURES)).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get(Counter.BOOTSTRAP_SUCCESSES)).isZero();
        assertThat(lwm2mServer.sent).isEmpty();
        assertThat(groupServer.sent).isEmpty();
    }

    @Test
    void aBootstrapServerThatNeverFinishesCountsNoFinishAfterTheFinishTimeout() throws Exception {
        bootstrapServer = new Scripted(acceptBootstrapThen(List.of(delete(""))));
        start(BOOTSTRAP_URI, "finishTimeoutSeconds: 5");

        waitUntil(() -> metrics.get(Counter.BOOTSTRAP_FAILURES) >= 1);
        assertThat(metrics.failures(FailureKind.BOOTSTRAP)).containsOnlyKeys("no-finish");
        assertThat(lwm2mServer.sent).isEmpty();
    }

    @Test
    void aFinishWithoutAServerAccountIsNotAcceptableAndCountsBadConfig() throws Exception {
        bootstrapServer = new Scripted(acceptBootstrapThen(List.of(
                delete(""),
                write("0/1", ContentFormat.TLV, security(1, "coap://127.0.0.1:5999", false, 3, null, null, 5)),
                write("1/0", ContentFormat.TLV, server(0, 6, 300, "U")),
                finish())));
        start(BOOTSTRAP_URI, "");

        waitUntil(() -> metrics.get(Counter.BOOTSTRAP_FAILURES) >= 1);
        assertThat(bootstrapServer.answers.get(3).getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
        assertThat(metrics.failures(FailureKind.BOOTSTRAP)).containsOnlyKeys("bad-config");
        assertThat(lwm2mServer.sent).isEmpty();
    }

    @Test
    void certificateAccountsAndWebSocketServersAreClearFailuresNotSilentFallbacks() throws Exception {
        bootstrapServer = new Scripted(acceptBootstrapThen(List.of(
                write("0/1", ContentFormat.TLV, security(1, "coaps://127.0.0.1:5998", false, 2, null, null, 5)),
                write("1/0", ContentFormat.TLV, server(0, 5, 300, "U")),
                finish())));
        start(BOOTSTRAP_URI, "");
        waitUntil(() -> metrics.get(Counter.BOOTSTRAP_FAILURES) >= 1);
        assertThat(metrics.failures(FailureKind.BOOTSTRAP)).containsOnlyKeys("unsupported-security-mode");
        onLoop(() -> {
            device.abandon();
            return null;
        });

        ShardMetrics before = metrics;
        bootstrapServer = new Scripted(acceptBootstrapThen(List.of(
                write("0/1", ContentFormat.TLV, security(1, "coap+ws://127.0.0.1:5997", false, 3, null, null, 5)),
                write("1/0", ContentFormat.TLV, server(0, 5, 300, "T")),
                finish())));
        start(BOOTSTRAP_URI, "");
        waitUntil(() -> before.failures(FailureKind.BOOTSTRAP).containsKey("unsupported-transport"));
        assertThat(lwm2mServer.sent).isEmpty();
        assertThat(groupServer.sent).isEmpty();
    }

    @Test
    void aDeviceThatGaveUpRegisteringAtItsHandedOutServerBootstrapsAgain() throws Exception {
        lwm2mServer = new Scripted(request -> answer(ResponseCode.FORBIDDEN));
        bootstrapServer = new Scripted(acceptBootstrapThen(List.of(
                delete(""),
                write("0/1", ContentFormat.TLV, security(1, "coap://127.0.0.1:5999", false, 3, null, null, 9)),
                write("1/0", ContentFormat.TLV, server(0, 9, 300, "U")),
                finish())));
        start(BOOTSTRAP_URI, "", """
                  registrationRetry: {mode: lwm2m, retryCount: 2, retryTimerSeconds: 2, sequenceDelaySeconds: 2, sequenceRetryCount: 1}
                """);

        waitUntil(() -> bootstrapServer.sent.size() >= 2);
        assertThat(lwm2mServer.sent).hasSizeGreaterThanOrEqualTo(2);
        assertThat(metrics.get(Counter.REGISTRATION_GAVE_UP)).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get(Counter.BOOTSTRAP_SUCCESSES)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeviceStoppedWhileBootstrappingLeavesTheAttemptUnfinished() throws Exception {
        bootstrapServer = new Scripted(acceptBootstrapThen(List.of()));
        start(BOOTSTRAP_URI, "");
        waitUntil(() -> !bootstrapServer.sent.isEmpty());
        onLoop(() -> device.stop(true)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(onLoop(() -> device.state())).isEqualTo(VirtualDevice.State.STOPPED);
        assertThat(metrics.inFlight(FailureKind.BOOTSTRAP)).isEqualTo(1);
        assertThat(metrics.get(Counter.BOOTSTRAP_FAILURES)).isZero();
        assertThat(bootstrapServer.isOpen()).isFalse();
    }

    // --- the scripted servers ---

    /** A request of the bootstrap server to the device, at {@code path} ("" for the root). */
    private record ServerCall(Request request, String path) {
    }

    private static ServerCall write(String path, ContentFormat format, LwM2mNode node) {
        Request request = Request.newPut();
        request.getOptions().setContentFormat(format.getCode());
        request.setPayload(ENCODER.encode(node, format, null, new LwM2mPath("/" + path), ObjectModels.DEVICE_MODEL));
        return new ServerCall(request, path);
    }

    private static ServerCall delete(String path) {
        return new ServerCall(Request.newDelete(), path);
    }

    private static ServerCall discover(String path) {
        Request request = Request.newGet();
        request.getOptions().setAccept(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        return new ServerCall(request, path);
    }

    private static ServerCall read(String path) {
        return new ServerCall(Request.newGet(), path);
    }

    private static ServerCall finish() {
        return new ServerCall(Request.newPost(), "bs");
    }



    /** Answers the Bootstrap-Request 2.04, then sends {@code calls} to the device one by one. */
    private Function<Request, Future<Response>> acceptBootstrapThen(List<ServerCall> calls) {
        return request -> {
            context.runOnContext(v -> {
                for (ServerCall call : calls) {
                    Request sent = call.request();
                    sent.getOptions().setUriPath(call.path());
                    bootstrapServer.answers.add(bootstrapServer.requestHandler.handle(sent));
                }
            });
            return answer(ResponseCode.CHANGED);
        };
    }

    private void start(String bootstrapUri, String bootstrapKeys) throws Exception {
        start(bootstrapUri, bootstrapKeys, "");
    }

    private void start(String bootstrapUri, String bootstrapKeys, String groupKeys) throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: bs
                durationSeconds: 3600
                fleet:
                  count: 1
                  endpointPrefix: bs-
                  transport: udp
                  bootstrap: {uri: %s%s}
                %s
                lifetimeSeconds: 60
                updateIntervalSeconds: 20
                registrationRetry:
                  initialSeconds: 4
                  jitter: 0
                """.formatted(bootstrapUri, bootstrapKeys.isEmpty() ? "" : ", " + bootstrapKeys, groupKeys),
                Path.of("bs.yaml"));
        DeviceGroup group = scenario.groups().get(0);
        DeviceIdentity identity = new DeviceIdentity("bs-000000", 0, group);
        DeviceContext.Paths paths = d -> new DevicePath(null, PathTracker.direct(metrics), ConnectionNat.NONE,
                new RadioMeter(clock, metrics, 0));
        DeviceContext.Channels channels = (d, handler, path) -> {
            groupServer.requestHandler = handler;
            return groupServer;
        };
        DeviceContext.Servers servers = new DeviceContext.Servers() {
            @Override
            public String bootstrapUri(DeviceGroup g) {
                return g.target().bootstrapUri();
            }

            @Override
            public Future<CoapChannel> channelTo(DeviceIdentity d, ServerAddress server, Security security,
                    CoapRequestHandler handler, DevicePath base) {
                asked.add(server);
                credentials.add(security);
                Scripted channel = server.uri().equals(BOOTSTRAP_URI) ? bootstrapServer : lwm2mServer;
                channel.requestHandler = handler;
                return Future.succeededFuture(channel);
            }
        };
        DeviceContext devices = new DeviceContext(clock, scenario, metrics, new SplittableRandom(1),
                new ServerRequestHandler(metrics), paths, channels, servers);
        device = onLoop(() -> {
            VirtualDevice made = new VirtualDevice(identity, devices);
            made.start(clock.nowMillis());
            return made;
        });
    }

    private static Future<Response> answer(ResponseCode code) {
        return Future.succeededFuture(new Response(code));
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return OnEventLoop.call(context, action);
    }

    private boolean onLoopQuietly(Callable<Boolean> action) {
        try {
            return onLoop(action);
        } catch (Exception e) {
            return false;
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        OnEventLoop.waitUntil(condition);
    }

    /**
     * A server with no network: answers the device's requests by the script (null: as a willing
     * LwM2M server does), records them, and records the device's answers to its own requests.
     */
    private final class Scripted extends NetworklessChannel {

        final List<Request> sent = new CopyOnWriteArrayList<>();
        final List<Response> answers = new CopyOnWriteArrayList<>();
        private final Function<Request, Future<Response>> script;

        Scripted(Function<Request, Future<Response>> script) {
            this.script = script;
        }

        @Override
        public Future<Response> send(Request request) {
            sent.add(request);
            Future<Response> scripted = script.apply(request);
            return scripted != null ? scripted : willingServer(request);
        }
    }
}
