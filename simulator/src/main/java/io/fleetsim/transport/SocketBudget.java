package io.fleetsim.transport;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many device sockets this process may still open. File descriptors are a per-process
 * limit ({@code ulimit -n}), so the budget is one per process: the open-file limit, less what was
 * open when the first device socket was asked for, less {@link #RESERVE} kept back so that the
 * results writer and the report can still open their files. A device that finds the budget spent
 * fails its attempt with {@code socket-limit} and backs off; nothing throws, the run goes on and
 * the command line says what happened at the end.
 */
public final class SocketBudget {

    /** File descriptors kept for results files, the report and the server; never given to devices. */
    public static final int RESERVE = 64;

    private static final Logger LOG = LoggerFactory.getLogger(SocketBudget.class);

    private final long openFileLimit;
    private final long limit;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    SocketBudget(long openFileLimit, long alreadyOpen) {
        this.openFileLimit = openFileLimit;
        this.limit = Math.max(0, openFileLimit - alreadyOpen - RESERVE);
    }

    /** The budget of this process, measured on first use. */
    public static SocketBudget process() {
        return Holder.PROCESS;
    }

    /**
     * A budget measured now, apart from the process's own: what the run may have before it starts
     * (the socket budget check before a run).
     */
    public static SocketBudget measureNow() {
        return Holder.measure();
    }

    /** The process's open-file limit ({@code ulimit -n}). */
    public long openFileLimit() {
        return openFileLimit;
    }

    /** Takes one socket from the budget; false when it is spent. */
    public boolean tryAcquire() {
        while (true) {
            long now = inUse.get();
            if (now >= limit) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warn(exhaustedMessage());
                }
                return false;
            }
            if (inUse.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a socket taken with {@link #tryAcquire()}. */
    public void release() {
        inUse.decrementAndGet();
    }

    /** Device sockets open now; 0 once every device has stopped. */
    public long inUse() {
        return inUse.get();
    }

    /** Device sockets this process may hold at once. */
    public long limit() {
        return limit;
    }

    /** What happened and how to get more sockets, in one line a user can act on. */
    public String exhaustedMessage() {
        return String.format(Locale.ROOT, "out of sockets: this process may open %d files (ulimit -n), which leaves "
                + "room for %d device sockets; raise the limit with 'ulimit -n' (up to 'ulimit -Hn') or run fewer "
                + "devices per process (--devices, or several processes)", openFileLimit, limit);
    }

    /** True when {@code failure} says the system is out of file descriptors or ephemeral ports. */
    public static boolean isOutOfSockets(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Too many open files") || message.contains("Cannot assign requested address")
                    || message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** Lazy holder: the budget is measured when the first device socket is asked for. */
    private static final class Holder {
        static final SocketBudget PROCESS = measure();

        private static SocketBudget measure() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                return new SocketBudget(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount());
            }
            return new SocketBudget(Long.MAX_VALUE / 2, 0);
        }
    }
}
