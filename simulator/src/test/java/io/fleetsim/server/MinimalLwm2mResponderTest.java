package io.fleetsim.server;

import static io.fleetsim.server.EmbeddedLwm2mServerTest.await;
import static io.fleetsim.server.EmbeddedLwm2mServerTest.registration;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class MinimalLwm2mResponderTest {

    private MinimalLwm2mResponder responder;
    private LoopbackCoapClient device;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        responder = await(MinimalLwm2mResponder.start(vertx));
        device = await(LoopbackCoapClient.bind(vertx));
    }

    @AfterEach
    void stop() throws Exception {
        await(device.close());
        await(responder.close());
    }

    @Test
    void registersUpdatesAndDeregisters(VertxTestContext test) {
        device.send(registration("bench-1"), responder.port()).compose(created -> {
            test.verify(() -> {
                assertThat(created.getCode()).isEqualTo(ResponseCode.CREATED);
                assertThat(created.getOptions().getLocationPath()).hasSize(2);
                assertThat(created.getOptions().getLocationPathString()).matches("rd/[0-9a-z]+");
            });
            String location = created.getOptions().getLocationPathString();
            return device.send(post(location), responder.port())
                    .compose(changed -> {
                        test.verify(() -> assertThat(changed.getCode()).isEqualTo(ResponseCode.CHANGED));
                        return device.send(delete(location), responder.port());
                    })
                    .compose(deleted -> {
                        test.verify(() -> assertThat(deleted.getCode()).isEqualTo(ResponseCode.DELETED));
                        return device.send(delete(location), responder.port());
                    });
        }).onComplete(test.succeeding(deletedAgain -> test.verify(() -> {
            assertThat(deletedAgain.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
            ResponderCounters counters = responder.counters();
            assertThat(counters.registrations()).isEqualTo(1);
            assertThat(counters.updates()).isEqualTo(1);
            assertThat(counters.deregistrations()).isEqualTo(1);
            test.completeNow();
        })));
    }

    @Test
    void answersAnUnknownUpdateWithNotFound(VertxTestContext test) {
        device.send(post("rd/nosuchid"), responder.port())
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
                    assertThat(responder.counters().updates()).isZero();
                    test.completeNow();
                })));
    }

    @Test
    void answersADuplicatedConWithTheSameResponse(VertxTestContext test) {
        Request register = registration("bench-2");
        Buffer datagram = device.serialize(register);
        int messageId = register.getMID();
        device.exchange(datagram, messageId, responder.port())
                .compose(first -> device.exchange(datagram, messageId, responder.port())
                        .map(second -> new Response[] {first, second}))
                .onComplete(test.succeeding(both -> test.verify(() -> {
                    assertThat(both[1].getCode()).isEqualTo(ResponseCode.CREATED);
                    assertThat(both[1].getMID()).isEqualTo(both[0].getMID());
                    assertThat(both[1].getOptions().getLocationPathString())
                            .isEqualTo(both[0].getOptions().getLocationPathString());
                    assertThat(responder.counters().registrations()).isEqualTo(1);
                    assertThat(responder.counters().duplicates()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void dropsGarbageAndKeepsAnswering(VertxTestContext test) {
        Buffer garbage = Buffer.buffer(new byte[] {(byte) 0xFF, 0x00, 0x13});
        device.sendRaw(garbage, responder.port())
                .compose(sent -> device.send(registration("bench-3"), responder.port()))
                .onComplete(test.succeeding(created -> test.verify(() -> {
                    assertThat(created.getCode()).isEqualTo(ResponseCode.CREATED);
                    assertThat(responder.counters().garbage()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void countsCoapPings(VertxTestContext test) {
        EmptyMessage ping = new EmptyMessage(Type.CON);
        ping.setMID(7);
        Buffer datagram = Buffer.buffer(new UdpDataSerializer().getByteArray(ping));
        device.sendRaw(datagram, responder.port())
                .compose(sent -> device.send(registration("bench-4"), responder.port()))
                .onComplete(test.succeeding(created -> test.verify(() -> {
                    assertThat(responder.counters().pings()).isEqualTo(1);
                    assertThat(responder.counters().garbage()).isZero();
                    test.completeNow();
                })));
    }

    @Test
    void takesAnLwm2mSendWithChanged(VertxTestContext test) {
        device.send(post("dp"), responder.port())
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
                    assertThat(responder.counters().notFound()).isZero();
                    test.completeNow();
                })));
    }

    @Test
    void answersAnythingElseWithNotFound(VertxTestContext test) {
        Request read = Request.newGet();
        read.getOptions().addUriPath("3").addUriPath("0");
        device.send(read, responder.port())
                .onComplete(test.succeeding(response -> test.verify(() -> {
                    assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
                    test.completeNow();
                })));
    }

    /**
     * Sixteen devices (sixteen source ports, which the kernel spreads over the sockets) update and
     * de-register one registration made through a first device: each is answered from the one
     * directory the sockets share, whichever socket its datagram arrives on.
     */
    @Test
    void socketsSharingThePortShareTheRegistrations(Vertx vertx, VertxTestContext test) throws Exception {
        MinimalLwm2mResponder shared = await(MinimalLwm2mResponder.start(vertx, 0, 2));
        assertThat(shared.sockets()).isEqualTo(2);
        List<LoopbackCoapClient> others = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            others.add(await(LoopbackCoapClient.bind(vertx)));
        }
        device.send(registration("bench-shared"), shared.port()).compose(created -> {
            String location = created.getOptions().getLocationPathString();
            Future<Response> updates = Future.succeededFuture();
            for (LoopbackCoapClient other : others) {
                updates = updates.compose(previous -> other.send(post(location), shared.port())).map(changed -> {
                    test.verify(() -> assertThat(changed.getCode()).isEqualTo(ResponseCode.CHANGED));
                    return changed;
                });
            }
            return updates.compose(last -> others.get(15).send(delete(location), shared.port()));
        }).eventually(() -> {
            others.forEach(LoopbackCoapClient::close);
            return shared.close();
        }).onComplete(test.succeeding(deleted -> test.verify(() -> {
            assertThat(deleted.getCode()).isEqualTo(ResponseCode.DELETED);
            assertThat(shared.counters().registrations()).isEqualTo(1);
            assertThat(shared.counters().updates()).isEqualTo(16);
            assertThat(shared.counters().notFound()).isZero();
            test.completeNow();
        })));
    }

    private static Request post(String location) {
        Request update = Request.newPost();
        update.getOptions().setUriPath(location);
        return update;
    }

    private static Request delete(String location) {
        Request delete = Request.newDelete();
        delete.getOptions().setUriPath(location);
        return delete;
    }
}
