package io.fleetsim.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The process's CPU time since a run started, split by side, for {@code summary.json}'s
 * {@code cpu} block: the simulator's threads (its Vert.x event loops), the embedded servers'
 * threads, the JIT compiler and the garbage collector, so that a reader sees which side
 * saturated. Java threads are measured with {@link ThreadMXBean#getThreadCpuTime}, by thread
 * name; the JIT compiler and GC threads, which the JVM hides from it, are read from
 * {@code /proc/self/task/<tid>/stat} on Linux (absent elsewhere). CPU of threads that ended
 * during the run, and of every thread not named here, is {@code other}: the process's total
 * minus the sides.
 */
public final class CpuUsage {

    /** Prefix of the thread names of the embedded servers' Vert.x instances. */
    public static final String SERVER_THREAD_PREFIX = "fleetsim-server-";
    /** Thread names of the embedded servers: their Vert.x instances, Californium, Scandium, Leshan. */
    static final List<String> SERVER_THREAD_PREFIXES = List.of(SERVER_THREAD_PREFIX, "fleetsim-lwm2m-coap",
            "DTLS-", "UDP-", "InMemoryRegistrationStore");
    /** Thread names of the simulator: the engine's Vert.x instance (devices, timers, metrics endpoint). */
    static final String SIMULATOR_THREAD_PREFIX = "vert.x-";
    private static final int BUSIEST_THREADS = 5;
    /** Linux's USER_HZ: /proc reports thread times in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean measurable;
    private final Map<Long, Long> javaNanosAtStart = new HashMap<>();
    private final Map<String, Long> nativeTicksAtStart = new HashMap<>();
    private final long processNanosAtStart;
    private final long startNanos = System.nanoTime();

    private CpuUsage() {
        measurable = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled() && processNanos() >= 0;
        if (measurable) {
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    javaNanosAtStart.put(id, nanos);
                }
            }
            nativeTicksAtStart.putAll(nativeThreadTicks());
        }
        processNanosAtStart = measurable ? processNanos() : 0;
    }

    /** Starts measuring now: what threads used before is left out. */
    public static CpuUsage startNow() {
        return new CpuUsage();
    }

    /**
     * The {@code cpu} block: seconds per side since {@link #startNow()}, the wall time and cores
     * they fill, and the busiest threads; null where the JVM cannot measure thread CPU time.
     */
    public Map<String, Object> toJson() {
        if (!measurable) {
            return null;
        }
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> sides = new LinkedHashMap<>();
        for (String side : List.of("simulator", "server", "jit", "gc")) {
            sides.put(side, 0.0);
        }
        List<Map<String, Object>> perThread = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            double seconds = (nanos - javaNanosAtStart.getOrDefault(info.getThreadId(), 0L)) / 1e9;
            String side = sideOf(info.getThreadName());
            if (side != null) {
                sides.merge(side, seconds, Double::sum);
            }
            perThread.add(thread(info.getThreadName(), side, seconds));
        }
        for (Map.Entry<String, Long> task : nativeThreadTicks().entrySet()) {
            String comm = task.getKey().substring(task.getKey().indexOf(' ') + 1);
            String side = nativeSideOf(comm);
            if (side != null) {
                double seconds = (task.getValue() - nativeTicksAtStart.getOrDefault(task.getKey(), 0L)) / TICKS_PER_SECOND;
                sides.merge(side, seconds, Double::sum);
                perThread.add(thread(comm, side, seconds));
            }
        }
        double process = (processNanos() - processNanosAtStart) / 1e9;
        double named = sides.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Object> seconds = new LinkedHashMap<>();
        sides.forEach((side, s) -> seconds.put(side, round(s)));
        seconds.put("other", round(Math.max(0, process - named)));
        seconds.put("process", round(process));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("wallSeconds", round(wall));
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("seconds", seconds);
        out.put("busiestThreads", perThread.stream()
                .sorted(Comparator.comparingDouble((Map<String, Object> t) -> (Double) t.get("seconds")).reversed())
                .limit(BUSIEST_THREADS).toList());
        return out;
    }

    /** simulator, server, or null (neither: counted in other). */
    static String sideOf(String threadName) {
        if (threadName.startsWith(SIMULATOR_THREAD_PREFIX)) {
            return "simulator";
        }
        return SERVER_THREAD_PREFIXES.stream().anyMatch(threadName::startsWith) ? "server" : null;
    }

    /** jit or gc for the JVM's own threads, which ThreadMXBean does not list; null for the rest. */
    static String nativeSideOf(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        return comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "gc" : null;
    }

    private static Map<String, Object> thread(String name, String side, double seconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("side", side == null ? "other" : side);
        out.put("seconds", round(seconds));
        return out;
    }

    /** utime + stime of every thread of this process, keyed by "tid comm"; empty without /proc. */
    private static Map<String, Long> nativeThreadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return ticks;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    // after the comm: state (field 3) ... utime (14), stime (15)
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks.put(task.getFileName() + " " + comm, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read: its time is in the process total
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    private static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
