package io.fleetsim.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the simulator process itself costs: live and peak threads, resident memory (Linux
 * {@code /proc/self/status}; -1 elsewhere) and heap in use after the last garbage collection.
 */
public record ProcessStats(int threads, int peakThreads, long rssBytes, long peakRssBytes, long heapAfterGcBytes) {

    public static ProcessStats sample() {
        var threadBean = ManagementFactory.getThreadMXBean();
        return new ProcessStats(threadBean.getThreadCount(), threadBean.getPeakThreadCount(),
                procStatus("VmRSS:"), procStatus("VmHWM:"), heapAfterGc());
    }

    private static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
