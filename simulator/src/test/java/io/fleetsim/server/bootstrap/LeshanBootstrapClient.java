package io.fleetsim.server.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.transport.californium.client.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.transport.californium.client.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.transport.californium.client.endpoint.coaps.CoapsClientProtocolProvider;

/**
 * Eclipse Leshan's own LwM2M client, knowing nothing but a bootstrap server (a NoSec or PSK
 * bootstrap account, no Server instance), on 127.0.0.1: it must bootstrap before it can register anywhere.
 * Tests wait on {@link #bootstrapped()} and {@link #registered()}.
 */
public final class LeshanBootstrapClient implements AutoCloseable {

    private final LeshanClient client;
    private final CompletableFuture<Void> bootstrapped = new CompletableFuture<>();
    private final CompletableFuture<Registered> registered = new CompletableFuture<>();

    /** Where the client registered, and the lifetime it sent with its Register. */
    public record Registered(String serverUri, long lifetimeSeconds) {
    }

    private LeshanBootstrapClient(String endpoint, Security bootstrapAccount) {
        ObjectsInitializer objects = new ObjectsInitializer();
        objects.setInstancesForObject(LwM2mId.SECURITY, bootstrapAccount);
        objects.setClassForObject(LwM2mId.SERVER, Server.class);
        objects.setInstancesForObject(LwM2mId.DEVICE, new Device("fleetsim tests", "leshan-client", "1"));
        CaliforniumClientEndpointsProvider endpoints = new CaliforniumClientEndpointsProvider.Builder(
                new CoapClientProtocolProvider(), new CoapsClientProtocolProvider())
                .setClientAddress(loopback()).build();
        client = new LeshanClientBuilder(endpoint).setObjects(objects.createAll()).setEndpointsProviders(endpoints)
                .build();
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onBootstrapSuccess(LwM2mServer server, BootstrapRequest request) {
                bootstrapped.complete(null);
            }

            @Override
            public void onBootstrapFailure(LwM2mServer server, BootstrapRequest request, ResponseCode code,
                    String message, Exception cause) {
                bootstrapped.completeExceptionally(new IllegalStateException(
                        "bootstrap failed: " + code + " " + message, cause));
            }

            @Override
            public void onBootstrapTimeout(LwM2mServer server, BootstrapRequest request) {
                bootstrapped.completeExceptionally(new IllegalStateException("bootstrap timed out"));
            }

            @Override
            public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationId) {
                registered.complete(new Registered(server.getUri(), request.getLifetime()));
            }
        });
    }

    /** Starts a client named {@code endpoint} that bootstraps from {@code bootstrapUri}. */
    public static LeshanBootstrapClient start(String endpoint, String bootstrapUri) {
        return started(new LeshanBootstrapClient(endpoint, Security.noSecBootstrap(bootstrapUri)));
    }

    /** Starts a client named {@code endpoint} that bootstraps over DTLS from {@code bootstrapUri} with a PSK. */
    public static LeshanBootstrapClient startPsk(String endpoint, String bootstrapUri, String identity, byte[] key) {
        return started(new LeshanBootstrapClient(endpoint, Security.pskBootstrap(bootstrapUri,
                identity.getBytes(java.nio.charset.StandardCharsets.UTF_8), key)));
    }

    private static LeshanBootstrapClient started(LeshanBootstrapClient client) {
        client.client.start();
        return client;
    }

    /** Completes when the client's bootstrap finished; fails when the client gave up on it. */
    public CompletableFuture<Void> bootstrapped() {
        return bootstrapped;
    }

    /** Completes with the first LwM2M server the client registered at. */
    public CompletableFuture<Registered> registered() {
        return registered;
    }

    /** Waits for the bootstrap and then the registration, at most {@code seconds} each. */
    public Registered awaitRegistered(int seconds) throws Exception {
        bootstrapped.get(seconds, TimeUnit.SECONDS);
        return registered.get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.destroy(false);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
