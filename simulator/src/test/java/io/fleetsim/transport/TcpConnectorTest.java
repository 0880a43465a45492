package io.fleetsim.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.Transport;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * Where a device's TCP connection comes from: a device on the loopback address talking to a server
 * on loopback leaves the source port to the kernel's connect (no bind first, which at thousands of
 * connections cost a storm most of its CPU), and still arrives from 127.0.0.1; a group's own source
 * address is bound, so that the server sees it.
 */
class TcpConnectorTest {

    @Test
    void onlyTheLoopbackDefaultTowardsALoopbackServerIsLeftUnbound() {
        assertThat(TcpConnector.sourceToBind("127.0.0.1", "127.0.0.1")).isEqualTo("0.0.0.0");
        assertThat(TcpConnector.sourceToBind("127.0.0.1", "127.0.0.2")).isEqualTo("0.0.0.0");
        assertThat(TcpConnector.sourceToBind("::1", "0:0:0:0:0:0:0:1")).isEqualTo("0.0.0.0");
        assertThat(TcpConnector.sourceToBind("127.0.1.1", "127.0.0.1")).as("a group's source address").isEqualTo("127.0.1.1");
        assertThat(TcpConnector.sourceToBind("127.0.0.1", "192.0.2.7")).as("loopback towards another host").isEqualTo("127.0.0.1");
        assertThat(TcpConnector.sourceToBind("127.0.0.1", null)).as("a name not resolved yet").isEqualTo("127.0.0.1");
        assertThat(TcpConnector.sourceToBind("0.0.0.0", "127.0.0.1")).isEqualTo("0.0.0.0");
    }

    @Test
    @Timeout(20)
    void theServerSeesEachDeviceComeFromItsSourceAddress() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
                    .connectHandler(socket -> seen.add(socket.remoteAddress().hostAddress()));
            int port = server.listen().await().actualPort();
            TransportEndpoints endpoints = new TransportEndpoints(
                    Map.of(Transport.TCP, new TransportEndpoints.HostPort("127.0.0.1", port)), null);
            TcpConnector connector = new TcpConnector(vertx, "127.0.0.1", endpoints, "127.0.0.1", port);

            NetSocket loopback = connector.connect(Transport.TCP, "dev-1", Security.NONE, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(seen.poll(10, TimeUnit.SECONDS)).as("a loopback device, not bound first").isEqualTo("127.0.0.1");
            assertThat(loopback.localAddress().hostAddress()).isEqualTo("127.0.0.1");

            connector.connect(Transport.TCP, "dev-2", Security.NONE, "127.0.1.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(seen.poll(10, TimeUnit.SECONDS)).as("a device with a source address of its own")
                    .isEqualTo("127.0.1.1");
            connector.close().await();
        } finally {
            vertx.close().await();
        }
    }
}
