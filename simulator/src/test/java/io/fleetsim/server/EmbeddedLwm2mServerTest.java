package io.fleetsim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class EmbeddedLwm2mServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLwm2mServerTest.class);
    private static EmbeddedLwm2mServer server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedLwm2mServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void registersADeviceAndReadsFromIt(Vertx vertx, VertxTestContext test) {
        int port = server.coapAddress().getPort();
        LoopbackCoapClient.bind(vertx).compose(device -> {
            device.answerRequestsWith(EmbeddedLwm2mServerTest::manufacturer);
            return device.send(registration("test-1"), port);
        }).compose(created -> {
            test.verify(() -> assertRegistered(created));
            return Future.fromCompletionStage(
                    server.readAsync("test-1", "/3/0/0", ContentFormat.TEXT, Duration.ofSeconds(5)),
                    vertx.getOrCreateContext());
        }).onComplete(test.succeeding(read -> test.verify(() -> {
            assertThat(read.isSuccess()).isTrue();
            assertThat(((LwM2mSingleResource) read.getContent()).getValue()).isEqualTo("fleetsim");
            test.completeNow();
        })));
    }

    @Test
    void blockingReadReturnsTheDevicesAnswer(Vertx vertx) throws Exception {
        LoopbackCoapClient device = await(LoopbackCoapClient.bind(vertx));
        device.answerRequestsWith(EmbeddedLwm2mServerTest::manufacturer);
        await(device.send(registration("test-2"), server.coapAddress().getPort()));

        ReadResponse read = server.read("test-2", "/3/0/0", ContentFormat.TEXT, Duration.ofSeconds(5));

        assertThat(((LwM2mSingleResource) read.getContent()).getValue()).isEqualTo("fleetsim");
        assertThat(server.registrationCount()).isEqualTo(server.registrations().size()).isPositive();
        await(device.close());
    }

    @Test
    void countsRegistrationEvents(Vertx vertx) throws Exception {
        long registeredBefore = server.registrationEvents().registered();
        long deregisteredBefore = server.registrationEvents().deregistered();
        LoopbackCoapClient device = await(LoopbackCoapClient.bind(vertx));
        Response created = await(device.send(registration("test-3"), server.coapAddress().getPort()));
        Request delete = Request.newDelete();
        created.getOptions().getLocationPath().forEach(s -> delete.getOptions().addUriPath(s.getStringValue()));

        Response deleted = await(device.send(delete, server.coapAddress().getPort()));

        assertThat(deleted.getCode()).isEqualTo(ResponseCode.DELETED);
        assertThat(server.registration("test-3")).isEmpty();
        eventually(() -> server.registrationEvents().registered() > registeredBefore
                && server.registrationEvents().deregistered() > deregisteredBefore);
        await(device.close());
    }

    @Test
    void startsFewThreadsAndWritesNoConfigurationFile(Vertx vertx) throws Exception {
        LoopbackCoapClient device = await(LoopbackCoapClient.bind(vertx));
        device.answerRequestsWith(EmbeddedLwm2mServerTest::manufacturer);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Set<Thread> added = new HashSet<>();
        try (EmbeddedLwm2mServer another = EmbeddedLwm2mServer.start()) {
            await(device.send(registration("test-4"), another.coapAddress().getPort()));
            another.read("test-4", "/3/0/0", ContentFormat.TEXT, Duration.ofSeconds(5));
            another.readAsync("test-4", "/3/0/0", ContentFormat.TEXT, Duration.ofSeconds(5)).get();
            Request queueMode = registration("test-5");
            queueMode.getOptions().addUriQuery("Q");
            Response created = await(device.send(queueMode, another.coapAddress().getPort()));
            assertThat(created.getCode()).isEqualTo(ResponseCode.CREATED);
            assertThat(another.registration("test-5").orElseThrow().usesQueueMode()).isTrue();
            Thread.sleep(200); // lets lazily started pools (presence timers) show up in the count
            added.addAll(Thread.getAllStackTraces().keySet());
            added.removeAll(before);
            LOG.info("Embedded server added {} threads after registrations (one in queue mode) and reads: {}",
                    added.size(), added.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList());
            assertThat(added).hasSizeLessThanOrEqualTo(6);
        }
        for (Thread thread : added) {
            thread.join(5_000);
            assertThat(thread.isAlive()).as("%s still alive after stop", thread.getName()).isFalse();
        }
        await(device.close());
        try (Stream<Path> files = Files.list(Path.of("").toAbsolutePath())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("Californium") && name.endsWith(".properties"));
        }
    }

    @Test
    void startsAndStopsFromAnEventLoopWithoutBlockingIt(Vertx vertx, VertxTestContext test) {
        vertx.runOnContext(v -> {
            test.verify(() -> assertThatThrownBy(EmbeddedLwm2mServer::start)
                    .isInstanceOf(IllegalStateException.class));
            EmbeddedLwm2mServer.start(vertx)
                    .compose(started -> vertx.executeBlocking(() -> {
                        started.stop();
                        return started.coapUri();
                    }))
                    .onComplete(test.succeeding(uri -> test.verify(() -> {
                        assertThat(uri).matches("coap://127\\.0\\.0\\.1:[0-9]+");
                        test.completeNow();
                    })));
        });
    }

    private static void assertRegistered(Response created) {
        assertThat(created.getCode()).isEqualTo(ResponseCode.CREATED);
        assertThat(created.getOptions().getLocationPathString()).startsWith("rd/");
        Registration registration = server.registration("test-1").orElseThrow();
        assertThat(registration.getLifeTimeInSec()).isEqualTo(300L);
        assertThat(registration.getObjectLinks()).extracting(Link::getUriReference)
                .containsExactly("/1/0", "/3/0");
    }

    static Request registration(String endpoint) {
        Request register = Request.newPost();
        register.getOptions().addUriPath("rd")
                .addUriQuery("ep=" + endpoint).addUriQuery("lt=300")
                .addUriQuery("lwm2m=1.1").addUriQuery("b=U")
                .setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        register.setPayload("</1/0>,</3/0>");
        return register;
    }

    private static Response manufacturer(Request read) {
        if (!"3/0/0".equals(read.getOptions().getUriPathString())) {
            return new Response(ResponseCode.NOT_FOUND);
        }
        Response content = new Response(ResponseCode.CONTENT);
        content.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        content.setPayload("fleetsim");
        return content;
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
