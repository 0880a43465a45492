package io.fleetsim.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * An agent that missed the coordinator's reply to its hello (a timeout on a busy machine) and says
 * hello again is answered with the name it was given, not refused: refused, it ran its share
 * unnamed and the coordinator dropped its figures (issue 14: empty merged latency histograms).
 */
@Timeout(60)
class RepeatedHelloTest {

    @Test
    void aSecondHelloFromAnAgentAlreadyTakenGetsTheSameName() throws Exception {
        int coordinatorPort = freePort();
        int agentPort = freePort();
        List<String> members = List.of("127.0.0.1:" + coordinatorPort, "127.0.0.1:" + agentPort);
        String name = "fleetsim-hello-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "test-secret-" + UUID.randomUUID();
        ClusterNode coordinatorNode = ClusterNode.join(new ClusterSettings("127.0.0.1", coordinatorPort, name, members, secret));
        ClusterNode agentNode = ClusterNode.join(new ClusterSettings("127.0.0.1", agentPort, name, members, secret));
        Coordinator coordinator = null;
        try {
            String address = Wire.AGENT_PREFIX + agentNode.nodeId();
            agentNode.vertx().eventBus().<JsonObject>consumer(address, m -> m.reply(
                    new JsonObject().put("now", System.currentTimeMillis()))).completion().await(10, TimeUnit.SECONDS);
            CompletableFuture<Coordinator> gathered = CompletableFuture.supplyAsync(
                    () -> Coordinator.gather(coordinatorNode, 1, Duration.ofSeconds(30)));
            JsonObject hello = new JsonObject().put("node", agentNode.nodeId()).put("address", address)
                    .put("host", "127.0.0.1").put("cores", 1);

            JsonObject first = hello(agentNode, hello);
            JsonObject again = hello(agentNode, hello);
            coordinator = gathered.get(30, TimeUnit.SECONDS);

            assertThat(first.getString("name")).isEqualTo("agent-1");
            assertThat(again.getString("name")).as("the reply repeated for an agent already taken").isEqualTo("agent-1");
            assertThat(again.getString("coordinator")).isEqualTo(coordinatorNode.nodeId());
            assertThat(coordinator.clockOffsets()).as("one agent taken, not two").containsOnlyKeys("agent-1");
        } finally {
            if (coordinator != null) {
                coordinator.close();
            }
            agentNode.close();
            coordinatorNode.close();
        }
    }

    private static JsonObject hello(ClusterNode from, JsonObject hello) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                return from.vertx().eventBus().<JsonObject>request(Wire.HELLO, hello, new DeliveryOptions().setSendTimeout(2_000))
                        .await(5, TimeUnit.SECONDS).body();
            } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
                // the coordinator's consumer is not registered yet (NO_HANDLERS) or the cluster is
                // still forming; a refusal by the coordinator is the answer
                if (System.currentTimeMillis() > deadline || (e instanceof ReplyException r
                        && r.failureType() == ReplyFailure.RECIPIENT_FAILURE)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
