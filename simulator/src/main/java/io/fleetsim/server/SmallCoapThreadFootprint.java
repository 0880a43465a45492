package io.fleetsim.server;

import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.eclipse.californium.elements.util.ProtocolScheduledExecutorService;

/**
 * Trims Californium to the few threads an embedded, loopback-only LwM2M server needs,
 * because fleetsim measures the thread count of its whole process.
 *
 * <p>The configuration is always built in code (Leshan's builder creates it from module
 * definitions), so Californium never reads or writes a {@code Californium*.properties} file.
 */
public final class SmallCoapThreadFootprint {

    /** Threads blocked in {@code DatagramSocket.receive} of the UDP connector. */
    static final int UDP_RECEIVER_THREADS = 1;
    /** Threads draining the UDP connector's outbound queue. */
    static final int UDP_SENDER_THREADS = 1;

    private SmallCoapThreadFootprint() {
    }

    /** One protocol-stage thread, one UDP receiver and sender, no periodic health logger. */
    public static void applyTo(Configuration configuration) {
        configuration.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
        configuration.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, UDP_RECEIVER_THREADS);
        configuration.set(UdpConfig.UDP_SENDER_THREAD_COUNT, UDP_SENDER_THREADS);
        configuration.set(SystemConfig.HEALTH_STATUS_INTERVAL, 0, TimeUnit.SECONDS);
        // Registration storms arrive as bursts; the kernel caps this at net.core.rmem_max.
        configuration.set(UdpConfig.UDP_RECEIVE_BUFFER_SIZE, 4 * 1024 * 1024);
    }

    /**
     * Gives a not yet started {@code server} one thread for its protocol stage and its
     * background timers. Without this, Californium adds a hard-wired pool of two background
     * threads to the protocol-stage pool, whatever PROTOCOL_STAGE_THREAD_COUNT says.
     * The server owns the executor and shuts it down when destroyed.
     */
    static void applyTo(CoapServer server) {
        applyTo(server, "fleetsim-lwm2m-coap#");
    }

    /**
     * As {@link #applyTo(CoapServer)}, the thread named {@code threadName}; returns the executor,
     * on which the server's own short timers may run too.
     */
    public static ProtocolScheduledExecutorService applyTo(CoapServer server, String threadName) {
        ProtocolScheduledExecutorService executor = ExecutorsUtil.newSingleThreadedProtocolExecutor(
                new NamedThreadFactory(threadName));
        server.setExecutor(executor, false);
        return executor;
    }
}
