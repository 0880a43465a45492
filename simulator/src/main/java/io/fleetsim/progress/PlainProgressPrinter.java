package io.fleetsim.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Prints a whole line at most once per interval of wall time (the first line at once), for logs
 * that keep every line, such as a CI job's.
 */
final class PlainProgressPrinter implements ProgressPrinter {

    private final PrintWriter out;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastPrinted;
    private boolean printedAny;

    PlainProgressPrinter(PrintWriter out, Duration interval, LongSupplier nanoTime) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void accept(String line) {
        long now = nanoTime.getAsLong();
        if (printedAny && now - lastPrinted < intervalNanos) {
            return;
        }
        out.println(line);
        out.flush();
        lastPrinted = now;
        printedAny = true;
    }

    @Override
    public void finish() {
        // every line printed was a whole line already
    }
}
