package io.fleetsim.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fleetsim.base.SimClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;

/**
 * One direction of a delayed TCP connection: frames leave no earlier than their own delay and
 * never before a frame written earlier, as TCP delivers; nothing waits without a delay, and
 * nothing (no timer) is left once the queue is cleared. The clock runs 100x faster.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class InOrderDelayTest {

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> deliveredAtMillis = new CopyOnWriteArrayList<>();
    private SimClock clock;
    private Context context;
    private InOrderDelay delay;

    @BeforeEach
    void setUp(Vertx vertx) {
        clock = new SimClock(vertx, 100);
        context = vertx.getOrCreateContext();
        delay = new InOrderDelay(clock, frame -> {
            delivered.add(frame.toString());
            deliveredAtMillis.add(clock.nowMillis());
        });
    }

    @Test
    void aLaterFrameWithAShorterDelayWaitsForTheEarlierOne() throws Exception {
        long[] offeredAt = new long[1];
        onContext(() -> {
            offeredAt[0] = clock.nowMillis();
            delay.offer(frame("a"), 1_000);
            delay.offer(frame("b"), 0);
            delay.offer(frame("c"), 300);
            delay.offer(frame("d"), 1_500);
            delay.offer(frame("e"), 1_200);
        });

        waitUntil(() -> delivered.size() == 5);
        assertThat(delivered).containsExactly("a", "b", "c", "d", "e");
        assertThat(deliveredAtMillis.get(0)).as("a waits its own delay").isGreaterThanOrEqualTo(offeredAt[0] + 1_000);
        assertThat(deliveredAtMillis.get(1)).as("b waits behind a").isGreaterThanOrEqualTo(offeredAt[0] + 1_000);
        assertThat(deliveredAtMillis.get(3)).isGreaterThanOrEqualTo(offeredAt[0] + 1_500);
        waitUntil(() -> clock.liveTimers() == 0);
    }

    @Test
    void withoutDelayAFrameGoesThroughAtOnceAndMoreFramesThanTheFirstQueueHoldsKeepTheirOrder() throws Exception {
        onContext(() -> {
            delay.offer(frame("now"), 0);
            assertThat(delivered).containsExactly("now");
            for (int i = 0; i < 10; i++) {
                delay.offer(frame(String.valueOf(i)), 200 - 20 * i);
            }
        });

        waitUntil(() -> delivered.size() == 11);
        assertThat(delivered).containsExactly("now", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void clearingDropsWhatWaitsAndCancelsTheTimerWhileFlushingLetsItThroughAtOnce() throws Exception {
        onContext(() -> {
            delay.offer(frame("dropped"), 60_000);
            delay.clear();
            delay.offer(frame("flushed"), 60_000);
            delay.flush();
            delay.clear();
        });

        assertThat(delivered).containsExactly("flushed");
        assertThat(clock.liveTimers()).isZero();
    }

    private static Buffer frame(String text) {
        return Buffer.buffer(text);
    }

    private void onContext(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
