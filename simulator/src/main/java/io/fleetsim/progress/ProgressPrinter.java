package io.fleetsim.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Where progress lines go. The run hands it a line every reporting period; how much of that is
 * shown depends on the {@link ProgressMode}. {@link #finish()} ends the output once the run is over.
 */
public interface ProgressPrinter extends Consumer<String> {

    /** Called once after the last line, before anything else is printed. */
    void finish();

    /**
     * The printer for a mode.
     *
     * @param mode     what kind of output
     * @param out      where lines go (standard error on the command line)
     * @param interval for {@link ProgressMode#PLAIN}: wall time between two printed lines
     * @param nanoTime the wall clock, {@link System#nanoTime()} outside tests
     */
    static ProgressPrinter of(ProgressMode mode, PrintWriter out, Duration interval, LongSupplier nanoTime) {
        return switch (mode) {
            case LIVE -> new LiveProgressPrinter(out);
            case PLAIN -> new PlainProgressPrinter(out, interval, nanoTime);
            case OFF -> new ProgressPrinter() {
                @Override
                public void accept(String line) {
                }

                @Override
                public void finish() {
                }
            };
        };
    }
}
