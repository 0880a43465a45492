package io.fleetsim.bench;

import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        FleetPki pki = FleetPki.create("fleetsim setup-limits CA");
        Map<String, Load> limits = new LinkedHashMap<>();
        limits.put("tls13", counter -> tlsHandshakes(pki, "TLSv1.3", counter));
        limits.put("tls12", counter -> tlsHandshakes(pki, "TLSv1.2", counter));
        limits.put("dtls-psk", SetupLimits::dtlsHandshakes);
        limits.put("tcp", counter -> tcpExchanges(counter, false));
        limits.put("tcp-lwm2m", counter -> tcpExchanges(counter, true));
        for (Map.Entry<String, Load> limit : limits.entrySet()) {
            if (only.isEmpty() || only.contains(limit.getKey())) {
                measure(limit.getKey(), warmSeconds, limit.getValue());
            }
        }
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

    /** Client connectors per core, each with one handshake in flight: the handshakes in flight at once. */
    private static final int DTLS_CLIENTS_PER_CORE = 4;
    /**
     * A handshake on loopback takes milliseconds; one that took this long waited for Scandium to
     * retransmit a lost flight (its first retransmission comes after 1 s or more).
     */
    private static final long DTLS_SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(900);
    /** Connections the server's store holds: more than the handshakes of a measurement. */
    private static final int DTLS_SERVER_CONNECTIONS = 500_000;
    /** A handshake without its echo after this long is counted lost and started again. */
    private static final long DTLS_LOST_NANOS = TimeUnit.SECONDS.toNanos(4);

    private static AutoCloseable dtlsHandshakes(AtomicLong counter) throws Exception {
        byte[] key = "fleetsim-limits!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int clients = DTLS_CLIENTS_PER_CORE * Runtime.getRuntime().availableProcessors();
        // Every full handshake is a new connection in the server's store, and a full store takes no
        // new one until its oldest are stale (30 min by default): room for far more handshakes than
        // a measurement makes (a store of 10,000 filled after about 8 s and stalled every client).
        DTLSConnector server = new DTLSConnector(dtlsConfig(DtlsRole.SERVER_ONLY, key, DTLS_SERVER_CONNECTIONS));
        server.setRawDataReceiver(data -> server.send(RawData.outbound(data.getBytes(), data.getEndpointContext(),
                null, false)));
        server.start();
        InetSocketAddress serverAddress = server.getAddress();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong slow = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        long begun = System.nanoTime();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "limits-dtls-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        List<DTLSConnector> connectors = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            DTLSConnector client = new DTLSConnector(dtlsConfig(DtlsRole.CLIENT_ONLY, key, 4));
            // when the handshake in flight started; each connector has exactly one in flight
            AtomicLong started = new AtomicLong();
            client.setRawDataReceiver(echo -> {
                long took = System.nanoTime() - started.get();
                counter.incrementAndGet();
                if (took > DTLS_SLOW_NANOS) {
                    slow.incrementAndGet();
                    System.err.printf(Locale.ROOT, "dtls-psk: a handshake took %.1f s (at %.1f s)%n", took / 1e9,
                            (System.nanoTime() - begun) / 1e9);
                }
                if (!stop.get()) {
                    sendForcingAFullHandshake(client, serverAddress, started);
                }
            });
            client.start();
            connectors.add(client);
            sendForcingAFullHandshake(client, serverAddress, started);
            watchdog.scheduleWithFixedDelay(() -> {
                long since = started.get();
                if (!stop.get() && System.nanoTime() - since > DTLS_LOST_NANOS) {
                    lost.incrementAndGet();
                    System.err.printf(Locale.ROOT, "dtls-psk: a handshake lost at %.1f s, started again%n",
                            (System.nanoTime() - begun) / 1e9);
                    sendForcingAFullHandshake(client, serverAddress, started);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        }
        return () -> {
            stop.set(true);
            watchdog.shutdownNow();
            connectors.forEach(DTLSConnector::destroy);
            server.destroy();
            System.out.printf(Locale.ROOT, "DTLS in-flight %d slow %d lost %d%n", clients, slow.get(), lost.get());
        };
    }

    private static void sendForcingAFullHandshake(DTLSConnector client, InetSocketAddress server, AtomicLong started) {
        started.set(System.nanoTime());
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

    /** What a fleetsim tcp device sends when it connects: its CSM (RFC 8323, Max-Message-Size and Block-Wise-Transfer). */
    private static final int DEVICE_CSM_BYTES = 4;
    /** The embedded server's CSM, sent as it accepts the connection. */
    private static final int SERVER_CSM_BYTES = 5;
    /**
     * A Register over TCP of a bench/setup.yaml device (header, token, Uri-Path, Uri-Query and the
     * link-format payload of its objects): about 64 bytes (summary.json's traffic.registration.sentBytes
     * of a storm, Register and De-register, over twice the devices).
     */
    private static final int REGISTER_BYTES = 64;
    /** The 2.01 Created with its Location-Path. */
    private static final int CREATED_BYTES = 16;
    /** Bytes of the bare exchange: one request and its echo. */
    private static final int BARE_BYTES = 16;

    /**
     * TCP connections on 127.0.0.1, 64 in flight, each closed by the client after its exchange. Bare:
     * connect, 16 bytes and their echo. {@code lwm2m}: what a fleetsim tcp device does up to being
     * registered, byte counts alike: both ends send a CSM at connect; once the client has the server's,
     * it sends a Register-sized request, and the server answers with a 2.01-sized response once it has
     * all of it.
     */
    private static AutoCloseable tcpExchanges(AtomicLong counter, boolean lwm2m) throws Exception {
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        java.util.concurrent.atomic.AtomicInteger bound = new java.util.concurrent.atomic.AtomicInteger();
        Buffer serverCsm = Buffer.buffer(new byte[SERVER_CSM_BYTES]);
        Buffer created = Buffer.buffer(new byte[CREATED_BYTES]);
        for (int i = 0; i < loops; i++) {
            // servers listening on the same negative port share one free port
            CountDownLatch listening = new CountDownLatch(1);
            serverVertx.getOrCreateContext().runOnContext(v -> serverVertx
                    .createNetServer(new NetServerOptions().setHost(LOOPBACK).setPort(-1).setTcpNoDelay(true))
                    .connectHandler(socket -> {
                        if (!lwm2m) {
                            socket.handler(socket::write);
                            return;
                        }
                        socket.write(serverCsm.copy());
                        int[] received = {0};
                        socket.handler(bytes -> {
                            int before = received[0];
                            received[0] += bytes.length();
                            if (before < DEVICE_CSM_BYTES + REGISTER_BYTES
                                    && received[0] >= DEVICE_CSM_BYTES + REGISTER_BYTES) {
                                socket.write(created.copy());
                            }
                        });
                    })
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
        for (int i = 0; i < 64; i++) {
            clientVertx.runOnContext(v -> exchange(client, port, lwm2m, counter, stop));
        }
        return () -> {
            stop.set(true);
            clientVertx.close().await();
            serverVertx.close().await();
        };
    }

    private static void exchange(NetClient client, int port, boolean lwm2m, AtomicLong counter, AtomicBoolean stop) {
        if (stop.get()) {
            return;
        }
        client.connect(port, LOOPBACK).onComplete(connected -> {
            if (connected.failed()) {
                exchange(client, port, lwm2m, counter, stop);
                return;
            }
            var socket = connected.result();
            int first = lwm2m ? SERVER_CSM_BYTES : BARE_BYTES;
            int all = lwm2m ? SERVER_CSM_BYTES + CREATED_BYTES : BARE_BYTES;
            int[] received = {0};
            socket.handler(bytes -> {
                int before = received[0];
                received[0] += bytes.length();
                if (lwm2m && before < first && received[0] >= first) {
                    socket.write(Buffer.buffer(new byte[REGISTER_BYTES]));
                }
                if (before < all && received[0] >= all) {
                    counter.incrementAndGet();
                    socket.close();
                }
            });
            socket.closeHandler(v -> exchange(client, port, lwm2m, counter, stop));
            socket.write(Buffer.buffer(new byte[lwm2m ? DEVICE_CSM_BYTES : BARE_BYTES]));
        });
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }
}
