package io.fleetsim.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fleetsim.metrics.ClockHealth;
import io.vertx.core.Vertx;

/** A stalled event loop makes timers late, and at a high time scale that is reported as falling behind. */
class SimClockLatenessTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void timersDelayedByABusyLoopAreMeasuredAndMakeTheRunBehind() throws Exception {
        SimClock clock = new SimClock(vertx, 100);
        CountDownLatch fired = new CountDownLatch(20);
        vertx.runOnContext(v -> {
            for (int i = 0; i < 20; i++) {
                clock.schedule(100, id -> fired.countDown()); // 1 ms of wall time each
            }
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // the loop is busy: every timer fires about 60 ms late
            }
        });
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();

        Histogram lateness = clock.takeLateness();

        assertThat(lateness.getTotalCount()).isEqualTo(20);
        assertThat(lateness.getValueAtPercentile(50)).isGreaterThan(40_000); // µs of wall time
        assertThat(ClockHealth.simulatedLagP99Ms(lateness, clock.timeScale())).isGreaterThan(4_000.0);
        assertThat(ClockHealth.of(lateness, clock.timeScale()).get("behind")).isEqualTo(true);
    }

    @Test
    void timersOnAnIdleLoopAreOnTime() throws Exception {
        SimClock clock = new SimClock(vertx, 1);
        CountDownLatch fired = new CountDownLatch(20);
        vertx.runOnContext(v -> {
            for (int i = 0; i < 20; i++) {
                clock.schedule(5 + i, id -> fired.countDown());
            }
        });
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(ClockHealth.of(clock.takeLateness(), clock.timeScale()).get("behind")).isEqualTo(false);
    }
}
