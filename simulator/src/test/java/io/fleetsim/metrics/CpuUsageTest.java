package io.fleetsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("alone") // see pom.xml: runs with no other test JVM beside it
@Timeout(60)
class CpuUsageTest {

    @Test
    void tellsTheSidesApartByThreadName() {
        assertThat(CpuUsage.sideOf("vert.x-eventloop-thread-1")).isEqualTo("simulator");
        assertThat(CpuUsage.sideOf("fleetsim-server-vert.x-eventloop-thread-0")).isEqualTo("server");
        assertThat(CpuUsage.sideOf("DTLS-Worker--127.0.0.1:5684#1")).isEqualTo("server");
        assertThat(CpuUsage.sideOf("fleetsim-lwm2m-coap#1")).isEqualTo("server");
        assertThat(CpuUsage.sideOf("main")).isNull();
        assertThat(CpuUsage.nativeSideOf("C2 CompilerThre")).isEqualTo("jit");
        assertThat(CpuUsage.nativeSideOf("GC Thread#0")).isEqualTo("gc");
        assertThat(CpuUsage.nativeSideOf("VM Thread")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void countsAServerThreadsWorkForTheServerAndOnlyWhatItDidAfterTheStart() throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean().isThreadCpuTimeEnabled(), "thread CPU time is measurable");
        CpuUsage usage = CpuUsage.startNow();
        long startedNanos = System.nanoTime();
        Thread busy = new Thread(() -> spin(300), CpuUsage.SERVER_THREAD_PREFIX + "test-busy");
        busy.start();
        busy.join();
        // a finished thread is no longer listed: keep one alive that burns, then read
        CountDownLatch spun = new CountDownLatch(1);
        Thread alive = new Thread(() -> {
            spin(400);
            spun.countDown();
            sleep(30_000);
        }, CpuUsage.SERVER_THREAD_PREFIX + "test-alive");
        alive.setDaemon(true);
        alive.start();
        // on a busy machine the 400 ms of CPU may take far longer than 400 ms of wall time
        assertThat(spun.await(30, TimeUnit.SECONDS)).as("the live thread burnt its CPU").isTrue();
        Thread.sleep(Math.max(0, 1_500 - (System.nanoTime() - startedNanos) / 1_000_000));

        Map<String, Object> cpu = usage.toJson();
        alive.interrupt();

        Map<String, Double> seconds = (Map<String, Double>) cpu.get("seconds");
        assertThat(seconds.get("server")).as("the live server thread's CPU").isGreaterThan(0.2);
        assertThat(seconds.get("process")).as("the process total holds the ended thread's too")
                .isGreaterThanOrEqualTo(seconds.get("server") + 0.2);
        List<Map<String, Object>> busiest = (List<Map<String, Object>>) cpu.get("busiestThreads");
        assertThat(busiest).anySatisfy(t -> {
            assertThat(t.get("name")).isEqualTo(CpuUsage.SERVER_THREAD_PREFIX + "test-alive");
            assertThat(t.get("side")).isEqualTo("server");
        });
        assertThat((Double) cpu.get("wallSeconds")).isGreaterThan(1.5);
    }

    private static void spin(long cpuMillis) {
        var bean = ManagementFactory.getThreadMXBean();
        long until = bean.getCurrentThreadCpuTime() + cpuMillis * 1_000_000;
        long x = 0;
        while (bean.getCurrentThreadCpuTime() < until) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
