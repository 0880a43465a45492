package io.fleetsim.bench;

import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.MapBasedEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.SinglePskStore;

import io.fleetsim.security.CertifiedKey;
import io.fleetsim.security.FleetPki;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;

/**
 * The setup rates the JDK and the libraries fleetsim is built on reach in this process, without
 * fleetsim: the ceilings bench/setup.sh sets fleetsim's storms beside. Each is measured for its
 * first two seconds (cold: the JIT has not compiled the path yet) and then for {@code seconds}
 * more (warm). All traffic stays on 127.0.0.1 (or in memory) and every loop ends on time.
 *
 * <ul>
 * <li>{@code tls13}, {@code tls12}: full TLS handshakes between in-memory SSLEngine pairs, the
 * server with FleetPki's EC P-256 server certificate asking for the client's, the client with a
 * FleetPki device certificate, the JDK's default cipher suites (as a fleetsim run), one worker
 * thread per core;</li>
 * <li>{@code dtls-psk}: full Scandium DTLS 1.2 PSK handshakes (TLS_PSK_WITH_AES_128_CCM_8, as a
 * fleetsim dtls-psk device) between client connectors and one server connector on 127.0.0.1,
 * each handshake forced full and ended by one echoed datagram;</li>
 * <li>{@code tcp}: bare Vert.x TCP connect, one 16-byte request, its echo, close, with 64
 * connections in flight, the server listening on one NetServer per event loop.</li>
 * </ul>
 *
 * Prints one line per limit: {@code LIMIT name first2sPerSecond warmPerSecond}.
 */
public final class SetupLimits {

    private static final String LOOPBACK = "127.0.0.1";
    private static final double FIRST_SECONDS = 2.0;
    private static final AtomicLong PEERS = new AtomicLong();

    private SetupLimits() {
    }

    public static void main(String[] args) throws Exception {
        double warmSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 8.0;
        FleetPki pki = FleetPki.create("fleetsim setup-limits CA");
        measure("tls13", warmSeconds, counter -> tlsHandshakes(pki, "TLSv1.3", counter));
        measure("tls12", warmSeconds, counter -> tlsHandshakes(pki, "TLSv1.2", counter));
        measure("dtls-psk", warmSeconds, SetupLimits::dtlsHandshakes);
        measure("tcp", warmSeconds, SetupLimits::tcpExchanges);
        System.exit(0);
    }

    /** Work that counts completions into {@code counter} until it is stopped. */
    interface Load {
        AutoCloseable start(AtomicLong counter) throws Exception;
    }

    private static void measure(String name, double warmSeconds, Load load) throws Exception {
        AtomicLong counter = new AtomicLong();
        AutoCloseable running = load.start(counter);
        try {
            long start = System.nanoTime();
            sleepSeconds(FIRST_SECONDS);
            long first = counter.get();
            double firstSpan = (System.nanoTime() - start) / 1e9;
            long warmStart = System.nanoTime();
            sleepSeconds(warmSeconds);
            long warm = counter.get() - first;
            double warmSpan = (System.nanoTime() - warmStart) / 1e9;
            System.out.printf(Locale.ROOT, "LIMIT %s %.0f %.0f%n", name, first / firstSpan, warm / warmSpan);
        } finally {
            running.close();
        }
    }

    // ---- TLS on in-memory SSLEngine pairs

    private static AutoCloseable tlsHandshakes(FleetPki pki, String protocol, AtomicLong counter) throws Exception {
        SSLContext server = context(pki.server(), pki);
        SSLContext client = context(pki.device("limits-device"), pki);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread worker = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        handshake(server, client, protocol);
                        counter.incrementAndGet();
                    } catch (SSLException e) {
                        throw new IllegalStateException("in-memory " + protocol + " handshake failed: " + e, e);
                    }
                }
            }, "limits-" + protocol + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        return () -> {
            stop.set(true);
            for (Thread worker : workers) {
                worker.join(10_000);
            }
        };
    }

    private static SSLContext context(CertifiedKey identity, FleetPki pki) throws Exception {
        char[] password = "limits".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", identity.privateKey(), password, identity.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        // no session resumption between handshakes (see handshake()): every one is full
        context.getClientSessionContext().setSessionCacheSize(1);
        context.getServerSessionContext().setSessionCacheSize(1);
        return context;
    }

    /** One full handshake between two fresh engines that pass their records through buffers. */
    private static void handshake(SSLContext serverContext, SSLContext clientContext, String protocol)
            throws SSLException {
        // a peer port of its own for each handshake: the client finds no session to resume
        SSLEngine client = clientContext.createSSLEngine(LOOPBACK, 1 + (int) (PEERS.getAndIncrement() % 65_535));
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        server.setWantClientAuth(true);
        server.setEnabledProtocols(new String[] {protocol});
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer sink = ByteBuffer.allocate(app * 2);
        long started = System.currentTimeMillis();
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 1_000; step++) {
            boolean clientDone = advance(client, empty, toServer, toClient, sink);
            boolean serverDone = advance(server, empty, toClient, toServer, sink);
            if (clientDone && serverDone) {
                if (client.getSession().getCreationTime() < started) {
                    throw new SSLException("a session was resumed: not a full handshake");
                }
                return;
            }
        }
        throw new SSLException("handshake did not finish in 1,000 steps");
    }

    /** Moves one engine's handshake on; true once it is finished. */
    private static boolean advance(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws SSLException {
        HandshakeStatus status = engine.getHandshakeStatus();
        switch (status) {
            case NEED_WRAP -> engine.wrap(empty, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                engine.unwrap(in, sink);
                in.compact();
                sink.clear();
            }
            case NEED_TASK -> {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            }
            default -> {
                return true;
            }
        }
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                || engine.getHandshakeStatus() == HandshakeStatus.FINISHED;
    }

    // ---- Scandium DTLS 1.2 PSK on 127.0.0.1

    private static AutoCloseable dtlsHandshakes(AtomicLong counter) throws Exception {
        byte[] key = "fleetsim-limits!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DTLSConnector server = new DTLSConnector(dtlsConfig(DtlsRole.SERVER_ONLY, key, 10_000));
        server.setRawDataReceiver(data -> server.send(RawData.outbound(data.getBytes(), data.getEndpointContext(),
                null, false)));
        server.start();
        InetSocketAddress serverAddress = server.getAddress();
        AtomicBoolean stop = new AtomicBoolean();
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "limits-dtls-retry");
            thread.setDaemon(true);
            return thread;
        });
        List<DTLSConnector> clients = new ArrayList<>();
        int concurrent = 2 * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < concurrent; i++) {
            DTLSConnector client = new DTLSConnector(dtlsConfig(DtlsRole.CLIENT_ONLY, key, 4));
            AtomicLong sent = new AtomicLong();
            client.setRawDataReceiver(echo -> {
                counter.incrementAndGet();
                if (!stop.get()) {
                    sendForcingAFullHandshake(client, serverAddress, sent);
                }
            });
            client.start();
            clients.add(client);
            sendForcingAFullHandshake(client, serverAddress, sent);
            // a handshake lost in a burst is started again after 2 s without an echo
            long[] seen = {-1};
            retries.scheduleAtFixedRate(() -> {
                if (!stop.get() && sent.get() == seen[0]) {
                    sendForcingAFullHandshake(client, serverAddress, sent);
                }
                seen[0] = sent.get();
            }, 2, 2, TimeUnit.SECONDS);
        }
        return () -> {
            stop.set(true);
            retries.shutdownNow();
            clients.forEach(DTLSConnector::destroy);
            server.destroy();
        };
    }

    private static void sendForcingAFullHandshake(DTLSConnector client, InetSocketAddress server, AtomicLong sent) {
        sent.incrementAndGet();
        MapBasedEndpointContext context = new MapBasedEndpointContext(server, null,
                new MapBasedEndpointContext.Attributes().add(DtlsEndpointContext.KEY_HANDSHAKE_MODE,
                        DtlsEndpointContext.HANDSHAKE_MODE_FORCE_FULL));
        client.send(RawData.outbound(new byte[] {1}, context, null, false));
    }

    private static DtlsConnectorConfig dtlsConfig(DtlsRole role, byte[] key, int maxConnections) {
        return DtlsConnectorConfig.builder(new Configuration())
                .setAddress(new InetSocketAddress(LOOPBACK, 0))
                .set(DtlsConfig.DTLS_ROLE, role)
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, role == DtlsRole.SERVER_ONLY
                        ? Runtime.getRuntime().availableProcessors() : 1)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, maxConnections)
                .set(SystemConfig.HEALTH_STATUS_INTERVAL, 0, TimeUnit.SECONDS)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .setPskStore(new SinglePskStore("limits", key))
                .build();
    }

    // ---- bare Vert.x TCP on 127.0.0.1

    private static AutoCloseable tcpExchanges(AtomicLong counter) throws Exception {
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        java.util.concurrent.atomic.AtomicInteger bound = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < loops; i++) {
            // servers listening on the same negative port share one free port
            CountDownLatch listening = new CountDownLatch(1);
            serverVertx.getOrCreateContext().runOnContext(v -> serverVertx
                    .createNetServer(new NetServerOptions().setHost(LOOPBACK).setPort(-1).setTcpNoDelay(true))
                    .connectHandler(socket -> socket.handler(socket::write))
                    .listen().onComplete(r -> {
                        if (r.succeeded()) {
                            bound.set(r.result().actualPort());
                        }
                        listening.countDown();
                    }));
            if (!listening.await(10, TimeUnit.SECONDS) || bound.get() <= 0) {
                throw new IllegalStateException("the TCP echo server did not listen on 127.0.0.1");
            }
        }
        int port = bound.get();
        NetClient client = clientVertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
                .setConnectTimeout(5_000));
        AtomicBoolean stop = new AtomicBoolean();
        Buffer request = Buffer.buffer(new byte[16]);
        for (int i = 0; i < 64; i++) {
            clientVertx.runOnContext(v -> exchange(client, port, request, counter, stop));
        }
        return () -> {
            stop.set(true);
            clientVertx.close().await();
            serverVertx.close().await();
        };
    }

    private static void exchange(NetClient client, int port, Buffer request, AtomicLong counter, AtomicBoolean stop) {
        if (stop.get()) {
            return;
        }
        client.connect(port, LOOPBACK).onComplete(connected -> {
            if (connected.failed()) {
                exchange(client, port, request, counter, stop);
                return;
            }
            var socket = connected.result();
            int[] received = {0};
            socket.handler(bytes -> {
                received[0] += bytes.length();
                if (received[0] >= request.length()) {
                    counter.incrementAndGet();
                    socket.close();
                }
            });
            socket.closeHandler(v -> exchange(client, port, request, counter, stop));
            socket.write(request);
        });
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }
}
