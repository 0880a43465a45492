package io.fleetsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fleetsim.base.OnEventLoop;
import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.nat.ConnectionNat;
import io.fleetsim.nat.DevicePath;
import io.fleetsim.nat.PathTracker;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;

/**
 * The device's state machine on its own: no engine, no server, no socket. The device is built
 * from its {@link DeviceContext} with a scripted {@link CoapChannel} that answers Register with
 * 2.01 and a Location, Update with 2.04 and De-register with 2.02 unless a test says otherwise.
 * The clock runs 20x faster: the 20 s update interval takes 1 s.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualDeviceTest {

    private static final double TIME_SCALE = 20;
    private static final long UPDATE_INTERVAL_MILLIS = 20_000;
    /** How late a 1 s wall timer may fire on a busy machine before the test calls it wrong, simulated. */
    private static final long LATENESS_MILLIS = 10_000;

    private final ShardMetrics metrics = new ShardMetrics();
    private Context context;
    private SimClock clock;
    private ScriptedChannel channel;
    private VirtualDevice device;

    @BeforeEach
    void setUp(Vertx vertx) {
        context = vertx.getOrCreateContext();
        clock = new SimClock(vertx, TIME_SCALE);
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
    void registersWithItsLifetimeAndBindingThenUpdatesEveryUpdateInterval() throws Exception {
        start("udp");
        waitUntil(() -> channel.sent.size() >= 3);

        Sent register = channel.sent.get(0);
        assertThat(register.code()).isEqualTo(Code.POST);
        assertThat(register.path()).isEqualTo("rd");
        assertThat(register.queries()).contains("ep=vd-000000", "lt=60", "lwm2m=1.1", "b=U");
        assertThat(channel.sent.subList(1, 3)).extracting(Sent::code, Sent::path)
                .as("updates to the location the server gave")
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Code.POST, "rd/5"));
        assertThat(channel.sent.get(1).atMillis() - register.atMillis()).as("first update after the update interval")
                .isBetween(UPDATE_INTERVAL_MILLIS - 50, UPDATE_INTERVAL_MILLIS + LATENESS_MILLIS);
        assertThat(channel.sent.get(2).atMillis() - channel.sent.get(1).atMillis()).as("the next one as long after")
                .isBetween(UPDATE_INTERVAL_MILLIS - 50, UPDATE_INTERVAL_MILLIS + LATENESS_MILLIS);
        waitUntil(() -> metrics.get(Counter.UPDATES) == 2);
        assertThat(onLoop(device::state)).isEqualTo(VirtualDevice.State.REGISTERED);
        assertThat(metrics.get(Counter.REGISTRATIONS)).isEqualTo(1);
        assertThat(metrics.registeredNow()).isEqualTo(1);
        assertThat(metrics.takeInterval(LatencyMetric.REGISTRATION).getTotalCount())
                .as("registration latency recorded").isEqualTo(1);
    }

    @Test
    void anUpdateAnsweredNotFoundMakesTheDeviceRegisterAgain() throws Exception {
        channel = new ScriptedChannel(request -> request.getCode() == Code.POST && !isRegister(request)
                ? answer(ResponseCode.NOT_FOUND) : null);
        start("udp", channel);
        waitUntil(() -> channel.sent.size() >= 3);

        assertThat(channel.sent.subList(0, 3)).extracting(Sent::path).containsExactly("rd", "rd/5", "rd");
        assertThat(channel.sent.get(2).atMillis() - channel.sent.get(1).atMillis())
                .as("registers again at once, without waiting for a back-off").isLessThan(LATENESS_MILLIS);
        waitUntil(() -> metrics.get(Counter.REGISTRATIONS) == 2);
        assertThat(metrics.get(Counter.UPDATE_FAILURES)).isEqualTo(1);
        assertThat(metrics.failures(FailureKind.UPDATE)).containsOnlyKeys("error-response:4.04");
        assertThat(metrics.registeredNow()).as("registered once, not twice").isEqualTo(1);
    }

    @Test
    void stopDeregistersFromTheLocationAndClosesTheChannel() throws Exception {
        start("udp");
        waitUntil(() -> metrics.get(Counter.REGISTRATIONS) == 1);

        CompletableFuture<Void> stopped = new CompletableFuture<>();
        context.runOnContext(v -> device.stop(true).onComplete(ar -> stopped.complete(null)));
        stopped.get(5, TimeUnit.SECONDS);

        Sent last = channel.sent.get(channel.sent.size() - 1);
        assertThat(last.code()).isEqualTo(Code.DELETE);
        assertThat(last.path()).isEqualTo("rd/5");
        assertThat(onLoop(device::state)).isEqualTo(VirtualDevice.State.STOPPED);
        assertThat(onLoop(channel::isOpen)).as("channel closed").isFalse();
        assertThat(metrics.get(Counter.DEREGISTRATIONS)).isEqualTo(1);
        assertThat(metrics.registeredNow()).isZero();
        int requests = channel.sent.size();
        Thread.sleep(wallMillis(UPDATE_INTERVAL_MILLIS + LATENESS_MILLIS));
        assertThat(channel.sent).as("no update after the stop").hasSize(requests);
    }

    @Test
    void aRegisterThatTimesOutIsCountedUnderTimeoutAndRetriedAfterTheBackOff() throws Exception {
        int[] registers = new int[1];
        channel = new ScriptedChannel(request -> isRegister(request) && registers[0]++ == 0
                ? Future.failedFuture(new CoapFailure(FailureCause.TIMEOUT, "no answer")) : null);
        start("udp", channel);
        waitUntil(() -> metrics.get(Counter.REGISTRATIONS) == 1);

        assertThat(metrics.get(Counter.REGISTRATION_ATTEMPTS)).isEqualTo(2);
        assertThat(metrics.get(Counter.REGISTRATION_FAILURES)).isEqualTo(1);
        assertThat(metrics.failures(FailureKind.REGISTRATION)).containsOnlyKeys("timeout");
        assertThat(metrics.failures(FailureKind.REGISTRATION).get("timeout").sum()).isEqualTo(1);
        assertThat(onLoop(device::registrationFailures)).isEqualTo(1);
        assertThat(channel.sent.get(1).atMillis() - channel.sent.get(0).atMillis())
                .as("the retry waits the back-off (initialSeconds 4, no jitter)").isGreaterThanOrEqualTo(4_000 - 50);
    }

    @Test
    void aDeviceOverTcpRegistersWithBindingTAndReportsIt() throws Exception {
        start("tcp");
        waitUntil(() -> metrics.get(Counter.REGISTRATIONS) == 1);

        assertThat(channel.sent.get(0).queries()).as("LwM2M 1.1 TCP binding").contains("b=T").doesNotContain("b=U");
        assertThat(onLoop(() -> readText("1/0/7"))).as("/1/0/7 binding").isEqualTo("T");
        assertThat(onLoop(() -> readText("3/0/16"))).as("/3/0/16 supported binding").isEqualTo("T");
    }

    @Test
    void aDeviceOverUdpReportsBindingU() throws Exception {
        start("udp");
        waitUntil(() -> metrics.get(Counter.REGISTRATIONS) == 1);

        assertThat(onLoop(() -> readText("1/0/7"))).isEqualTo("U");
        assertThat(onLoop(() -> readText("3/0/16"))).isEqualTo("U");
    }

    /** The server reads a single resource of the device as text, through the device's channel. */
    private String readText(String path) {
        Request read = Request.newGet();
        read.getOptions().setUriPath(path);
        Response response = channel.requestHandler.handle(read);
        assertThat(response.getCode()).as("read of %s", path).isEqualTo(ResponseCode.CONTENT);
        return response.getPayloadString();
    }

    private void start(String transport) throws Exception {
        start(transport, new ScriptedChannel(request -> null));
    }

    private void start(String transport, ScriptedChannel scripted) throws Exception {
        channel = scripted;
        Scenario scenario = ScenarioLoader.parse("""
                name: vd
                durationSeconds: 3600
                fleet:
                  count: 1
                  endpointPrefix: vd-
                  transport: %s
                lifetimeSeconds: 60
                updateIntervalSeconds: 20
                registrationRetry:
                  initialSeconds: 4
                  jitter: 0
                """.formatted(transport), Path.of("vd.yaml"));
        DeviceIdentity identity = new DeviceIdentity("vd-000000", 0, scenario.groups().get(0));
        DeviceContext.Paths paths = device -> new DevicePath(null, PathTracker.direct(metrics),
                ConnectionNat.NONE, new RadioMeter(clock, metrics, 0));
        DeviceContext.Channels channels = (device, handler, path) -> {
            channel.requestHandler = handler;
            return channel;
        };
        DeviceContext devices = new DeviceContext(clock, scenario, metrics, new SplittableRandom(1),
                new ServerRequestHandler(metrics), paths, channels);
        device = onLoop(() -> {
            VirtualDevice made = new VirtualDevice(identity, devices);
            made.start(clock.nowMillis());
            return made;
        });
    }

    private static boolean isRegister(Request request) {
        return request.getOptions().getUriPathString().equals("rd");
    }

    private static Future<Response> answer(ResponseCode code) {
        return Future.succeededFuture(new Response(code));
    }

    private long wallMillis(long simMillis) {
        return Math.round(simMillis / TIME_SCALE);
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return OnEventLoop.call(context, action);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        OnEventLoop.waitUntil(condition);
    }

    /** A request the device sent, and when (simulated ms). */
    record Sent(Code code, String path, List<String> queries, long atMillis) {
    }

    /**
     * A channel with no network: answers at once, by the script when it has an answer (not null),
     * otherwise as a willing server does. Used on the device's event loop.
     */
    private final class ScriptedChannel extends NetworklessChannel {

        final List<Sent> sent = new CopyOnWriteArrayList<>();
        private final Function<Request, Future<Response>> script;

        ScriptedChannel(Function<Request, Future<Response>> script) {
            this.script = script;
        }

        @Override
        public Future<Response> send(Request request) {
            sent.add(new Sent(request.getCode(), request.getOptions().getUriPathString(),
                    List.copyOf(request.getOptions().getUriQueryStrings()), clock.nowMillis()));
            Future<Response> scripted = script.apply(request);
            return scripted != null ? scripted : willingServer(request);
        }
    }
}
