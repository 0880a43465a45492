package io.fleetsim.server;

import static io.fleetsim.server.EmbeddedLwm2mServerTest.await;
import static io.fleetsim.server.EmbeddedLwm2mServerTest.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fleetsim.scenario.RegistrationLimit;
import io.fleetsim.scenario.RegistrationLimit.Answer;
import io.fleetsim.server.RegistrationGate.Decision;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;

/**
 * The registration limit of the embedded servers: an endpoint that registers more than count
 * times within the window is blocked for the block time, per endpoint name, and Leshan answers
 * its Registers meanwhile with the refusal code, or not at all.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class RegistrationGateTest {

    private final AtomicLong now = new AtomicLong();

    private RegistrationGate gate(int count, long windowMillis, long blockMillis, Answer answer) {
        return new RegistrationGate(new RegistrationLimit(count, Duration.ofMillis(windowMillis),
                Duration.ofMillis(blockMillis), answer, "4.03"), now::get);
    }

    @Test
    void theRegistrationAfterCountWithinTheWindowBlocksForTheBlockTime() {
        RegistrationGate gate = gate(3, 10_000, 60_000, Answer.REFUSE);
        for (int i = 0; i < 3; i++) {
            now.set(i * 1_000L);
            assertThat(gate.register("dev-1")).as("registration %d", i + 1).isEqualTo(Decision.ACCEPT);
        }
        now.set(3_000);
        assertThat(gate.register("dev-1")).as("the fourth within 10 s").isEqualTo(Decision.REFUSE);
        assertThat(gate.register("dev-2")).as("another endpoint").isEqualTo(Decision.ACCEPT);
        now.set(62_999);
        assertThat(gate.register("dev-1")).as("still blocked").isEqualTo(Decision.REFUSE);
        now.set(63_000);
        assertThat(gate.register("dev-1")).as("block over, window empty").isEqualTo(Decision.ACCEPT);
        assertThat(gate.blocks()).isEqualTo(1);
        assertThat(gate.refused()).isEqualTo(2);
        assertThat(gate.dropped()).isZero();
    }

    @Test
    void anEndpointBlockedTwiceCountsAsOneBlockedDeviceAndTwoBlocks() {
        RegistrationGate gate = gate(1, 10_000, 5_000, Answer.REFUSE);
        assertThat(gate.register("dev-1")).isEqualTo(Decision.ACCEPT);
        now.set(1_000);
        assertThat(gate.register("dev-1")).as("second within the window: blocked").isEqualTo(Decision.REFUSE);
        now.set(6_000);
        assertThat(gate.register("dev-1")).as("block over").isEqualTo(Decision.ACCEPT);
        now.set(7_000);
        assertThat(gate.register("dev-1")).as("blocked again").isEqualTo(Decision.REFUSE);
        assertThat(gate.register("dev-2")).isEqualTo(Decision.ACCEPT);

        assertThat(gate.blocks()).isEqualTo(2);
        assertThat(gate.blockedEndpoints()).isEqualTo(1);
        assertThat(gate.refused()).isEqualTo(2);
    }

    @Test
    void registrationsSpreadWiderThanTheWindowNeverBlock() {
        RegistrationGate gate = gate(3, 10_000, 60_000, Answer.SILENCE);
        for (int i = 0; i < 20; i++) {
            now.set(i * 3_500L); // at most 3 in any 10 s
            assertThat(gate.register("dev-1")).as("registration at %d ms", now.get()).isEqualTo(Decision.ACCEPT);
        }
        now.set(20 * 3_500L - 1_000);
        assertThat(gate.register("dev-1")).as("a fourth within 10 s").isEqualTo(Decision.SILENCE);
        assertThat(gate.dropped()).isEqualTo(1);
    }

    @Test
    void anOpenGateAcceptsEverything() {
        for (int i = 0; i < 100; i++) {
            assertThat(RegistrationGate.OPEN.register("dev-1")).isEqualTo(Decision.ACCEPT);
        }
        assertThat(RegistrationGate.of(null, 1.0)).isSameAs(RegistrationGate.OPEN);
    }

    @Test
    void leshanRefusesABlockedEndpointWithTheConfiguredCodeAndKeepsOthersRegistering(Vertx vertx) throws Exception {
        RegistrationLimit limit = new RegistrationLimit(2, Duration.ofSeconds(60), Duration.ofSeconds(600),
                Answer.REFUSE, "4.29");
        EmbeddedLwm2mServer server = EmbeddedLwm2mServer.start(RegistrationGate.of(limit, 1.0));
        LoopbackCoapClient device = await(LoopbackCoapClient.bind(vertx));
        try {
            int port = server.coapAddress().getPort();
            List<ResponseCode> codes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                codes.add(await(device.send(registration("gated-1"), port)).getCode());
            }
            assertThat(codes).containsExactly(ResponseCode.CREATED, ResponseCode.CREATED,
                    ResponseCode.TOO_MANY_REQUESTS, ResponseCode.TOO_MANY_REQUESTS);
            assertThat(await(device.send(registration("gated-2"), port)).getCode()).isEqualTo(ResponseCode.CREATED);

            Response update = await(device.send(post(server.registration("gated-1").orElseThrow().getId()), port));
            assertThat(update.getCode()).as("a blocked endpoint's Update still reaches Leshan")
                    .isEqualTo(ResponseCode.CHANGED);
        } finally {
            await(device.close());
            server.close();
        }
    }

    @Test
    void leshanDropsABlockedEndpointsRegisterWhenTheAnswerIsSilence(Vertx vertx) throws Exception {
        RegistrationLimit limit = new RegistrationLimit(1, Duration.ofSeconds(60), Duration.ofSeconds(600),
                Answer.SILENCE, "4.03");
        EmbeddedLwm2mServer server = EmbeddedLwm2mServer.start(RegistrationGate.of(limit, 1.0));
        LoopbackCoapClient device = await(LoopbackCoapClient.bind(vertx));
        try {
            int port = server.coapAddress().getPort();
            assertThat(await(device.send(registration("quiet-1"), port)).getCode()).isEqualTo(ResponseCode.CREATED);
            var second = device.send(registration("quiet-1"), port).toCompletionStage().toCompletableFuture();
            assertThat(second).as("no answer, not even an ACK")
                    .failsWithin(Duration.ofSeconds(2)).withThrowableOfType(TimeoutException.class);
            assertThat(server.registrationEvents().registered()).as("only the first registered").isEqualTo(1);
        } finally {
            await(device.close());
            server.close();
        }
    }

    private static Request post(String registrationId) {
        Request update = Request.newPost();
        update.getOptions().addUriPath("rd").addUriPath(registrationId);
        return update;
    }
}
