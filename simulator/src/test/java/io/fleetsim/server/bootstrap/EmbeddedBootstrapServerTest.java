package io.fleetsim.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.californium.core.CoapExchange;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fleetsim.base.ObjectModels;
import io.fleetsim.server.EmbeddedLwm2mServer;

/**
 * The embedded bootstrap server against Eclipse Leshan's own client, which registers where it was
 * bootstrapped to, and against clients that misbehave: each failure is counted by its cause and
 * leaves no session behind.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedBootstrapServerTest {

    @Test
    void leshanClientBootstrapsThenRegistersWithTheLifetimeAndBindingItWasGiven() throws Exception {
        try (EmbeddedLwm2mServer lwm2m = EmbeddedLwm2mServer.start();
                EmbeddedBootstrapServer bootstrap = EmbeddedBootstrapServer.start(
                        BootstrapConfigSource.always(BootstrapConfig.noSec(lwm2m.coapUri(), 321, "U")));
                LeshanBootstrapClient client = LeshanBootstrapClient.start("bs-leshan-1", bootstrap.uri())) {
            assertThat(client.awaitRegistered(20).serverUri()).isEqualTo(lwm2m.coapUri());
            Registration registration = lwm2m.registration("bs-leshan-1").orElseThrow();
            assertThat(registration.getLifeTimeInSec()).isEqualTo(321);
            assertThat(registration.getBindingMode()).containsExactly(BindingMode.U);
            BootstrapServerCounters counters = bootstrap.counters();
            assertThat(counters.requests()).isEqualTo(1);
            assertThat(counters.finished()).isEqualTo(1);
            assertThat(counters.failed()).isZero();
            assertThat(counters.active()).isZero();
        }
    }

    @Test
    void anEndpointTheSourceDoesNotKnowIsRefusedAndCounted() throws Exception {
        try (EmbeddedBootstrapServer bootstrap = EmbeddedBootstrapServer.start(endpoint -> Optional.empty());
                LeshanBootstrapClient client = LeshanBootstrapClient.start("bs-stranger", bootstrap.uri())) {
            assertThatThrownBy(() -> client.bootstrapped().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("BAD_REQUEST");
            assertThat(bootstrap.counters().failed(BootstrapFailure.UNKNOWN_ENDPOINT)).isEqualTo(1);
            assertThat(bootstrap.counters().finished()).isZero();
            assertThat(bootstrap.lastFailure()).hasValue("bs-stranger: no bootstrap configuration for this endpoint");
        }
    }

    @Test
    void aClientRefusingTheWriteFailsItsSessionAsRefusedAndNothingIsLeft() throws Exception {
        try (EmbeddedBootstrapServer bootstrap = EmbeddedBootstrapServer.start(
                BootstrapConfigSource.always(BootstrapConfig.noSec("coap://127.0.0.1:5683", 300, "U")));
                ScriptedClient client = new ScriptedClient(ResponseCode.BAD_REQUEST)) {
            assertThat(client.bootstrapRequest(bootstrap, "bs-refuser").getCode()).isEqualTo(ResponseCode.CHANGED);
            await(() -> bootstrap.counters().failed() == 1);
            assertThat(bootstrap.counters().failed(BootstrapFailure.REFUSED)).isEqualTo(1);
            assertThat(bootstrap.counters().active()).isZero();
            assertThat(bootstrap.lastFailure())
                    .hasValue("bs-refuser: Bootstrap-Write /0/1 answered 4.00 BAD_REQUEST (expected 2.04)");
            assertThat(client.received).containsExactly("DELETE /0", "DELETE /1", "PUT /0/1");
        }
    }

    @Test
    void aClientThatNeverAnswersTimesOutAndARepeatedRequestStartsOver() throws Exception {
        try (EmbeddedBootstrapServer bootstrap = EmbeddedBootstrapServer.start(
                BootstrapConfigSource.always(BootstrapConfig.noSec("coap://127.0.0.1:5683", 300, "U")), 0,
                Duration.ofMillis(800));
                ScriptedClient client = new ScriptedClient(null)) {
            client.bootstrapRequest(bootstrap, "bs-silent");
            await(() -> client.received.contains("PUT /0/1"));
            client.bootstrapRequest(bootstrap, "bs-silent");
            await(() -> bootstrap.counters().failed(BootstrapFailure.TIMEOUT) == 1);
            BootstrapServerCounters counters = bootstrap.counters();
            assertThat(counters.requests()).isEqualTo(2);
            assertThat(counters.failed(BootstrapFailure.SUPERSEDED)).isEqualTo(1);
            assertThat(counters.active()).isZero();
            assertThat(counters.finished()).isZero();
            assertThat(bootstrap.lastFailure()).hasValue(
                    "bs-silent: Bootstrap-Write /0/1 unanswered when the session timed out");
            // the second session started over: two Deletes of /0
            assertThat(client.received.stream().filter("DELETE /0"::equals)).hasSize(2);
        }
    }

    @Test
    void theWritesCarryTheAccountInTlvUnlessTheClientPrefersSenmlCbor() throws Exception {
        BootstrapConfig config = BootstrapConfig.psk("coaps://127.0.0.1:5684", "dev-1", new byte[] {1, 2, 3}, 600,
                "U");
        try (EmbeddedBootstrapServer bootstrap = EmbeddedBootstrapServer.start(BootstrapConfigSource.always(config));
                ScriptedClient tlv = new ScriptedClient(ResponseCode.CHANGED);
                ScriptedClient cbor = new ScriptedClient(ResponseCode.CHANGED)) {
            tlv.bootstrapRequest(bootstrap, "bs-tlv");
            cbor.bootstrapRequest(bootstrap, "bs-cbor&pct=112");
            await(() -> bootstrap.counters().finished() == 2);
            for (ScriptedClient client : List.of(tlv, cbor)) {
                assertThat(client.received).containsExactly("DELETE /0", "DELETE /1", "PUT /0/1", "PUT /1/0",
                        "POST /bs");
                LwM2mObjectInstance security = client.written("/0/1");
                assertThat(security.getResource(0).getValue()).isEqualTo("coaps://127.0.0.1:5684");
                assertThat(security.getResource(1).getValue()).isEqualTo(false);
                assertThat(security.getResource(2).getValue()).isEqualTo(0L);
                assertThat((byte[]) security.getResource(3).getValue()).isEqualTo("dev-1".getBytes());
                assertThat((byte[]) security.getResource(5).getValue()).isEqualTo(new byte[] {1, 2, 3});
                assertThat(security.getResource(10).getValue()).isEqualTo(1L);
                LwM2mObjectInstance server = client.written("/1/0");
                assertThat(server.getResource(0).getValue()).isEqualTo(1L);
                assertThat(server.getResource(1).getValue()).isEqualTo(600L);
                assertThat(server.getResource(7).getValue()).isEqualTo("U");
            }
            assertThat(tlv.formats).containsOnly(ContentFormat.TLV_CODE);
            assertThat(cbor.formats).containsOnly(ContentFormat.SENML_CBOR_CODE);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(end);
            Thread.sleep(20);
        }
    }

    /**
     * A bootstrap client on Californium that answers the Deletes and the Finish as LwM2M says and
     * every Write with {@code writeAnswer}, or not at all when it is null; it records what it got.
     */
    private static final class ScriptedClient implements AutoCloseable {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<Integer> formats = new CopyOnWriteArrayList<>();
        private final Map<String, byte[]> payloads = new java.util.concurrent.ConcurrentHashMap<>();
        private final CoapServer coap;
        private final ResponseCode writeAnswer;

        ScriptedClient(ResponseCode writeAnswer) {
            this.writeAnswer = writeAnswer;
            CoapConfig.register();
            UdpConfig.register();
            Configuration configuration = new Configuration();
            coap = new CoapServer(configuration);
            coap.addEndpoint(new CoapEndpoint.Builder().setConfiguration(configuration)
                    .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
            CoapResource security = new Node("0");
            security.add(new Node("1"));
            CoapResource server = new Node("1");
            server.add(new Node("0"));
            coap.add(security, server, new Node("bs"));
            coap.start();
        }

        Response bootstrapRequest(EmbeddedBootstrapServer bootstrap, String endpointAndQueries) throws Exception {
            Request request = Request.newPost();
            request.setURI(bootstrap.uri() + "/bs?ep=" + endpointAndQueries);
            request.send(coap.getEndpoints().get(0));
            Response response = request.waitForResponse(5000);
            assertThat(response).as("answer to the Bootstrap-Request").isNotNull();
            return response;
        }

        LwM2mObjectInstance written(String path) {
            LwM2mPath target = new LwM2mPath(path);
            int format = formats.get(0);
            return (LwM2mObjectInstance) new DefaultLwM2mDecoder().decode(payloads.get(path),
                    ContentFormat.fromCode(format), null, target, ObjectModels.DEVICE_MODEL);
        }

        @Override
        public void close() {
            coap.destroy();
        }

        private final class Node extends CoapResource {
            Node(String name) {
                super(name);
            }

            private String path() {
                return getURI();
            }

            @Override
            public void handleDELETE(CoapExchange exchange) {
                received.add("DELETE " + path());
                exchange.respond(ResponseCode.DELETED);
            }

            @Override
            public void handlePUT(CoapExchange exchange) {
                received.add("PUT " + path());
                formats.add(exchange.getRequestOptions().getContentFormat());
                payloads.put(path(), exchange.getRequestPayload());
                if (writeAnswer != null) {
                    exchange.respond(writeAnswer);
                }
            }

            @Override
            public void handlePOST(CoapExchange exchange) {
                received.add("POST " + path());
                exchange.respond(ResponseCode.CHANGED);
            }
        }
    }

}
