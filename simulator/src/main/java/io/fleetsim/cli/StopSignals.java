package io.fleetsim.cli;

import java.util.ArrayList;
import java.util.List;

import io.fleetsim.engine.RunAbort;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during a run: the first asks the run to stop ({@link RunAbort}), so it
 * de-registers briefly, writes complete results marked aborted and exits with code 3; a second
 * signal, or a run that has not finished {@link #GRACE_MILLIS} after the first, ends the process
 * at once with code 3 (the interval log written so far stays readable by {@code fleetsim report}).
 * Uses {@code sun.misc.Signal} (module jdk.unsupported) because a shutdown hook cannot choose the
 * exit code nor tell which signal came.
 */
final class StopSignals implements AutoCloseable {

    static final long GRACE_MILLIS = 20_000;
    private static final String[] NAMES = { "INT", "TERM" };

    private final RunAbort abort;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals(RunAbort abort) {
        this.abort = abort;
    }

    /** Routes SIGINT and SIGTERM to {@code abort} until {@link #close()}. */
    static StopSignals install(RunAbort abort) {
        StopSignals installed = new StopSignals(abort);
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                installed.previous.add(Signal.handle(signal, installed::onSignal));
                installed.signals.add(signal);
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal, or the JVM keeps it (-Xrs): leave its default
            }
        }
        return installed;
    }

    private void onSignal(Signal signal) {
        if (abort.isRequested()) {
            Runtime.getRuntime().halt(ExitCodes.ABORTED);
        }
        abort.request("SIG" + signal.getName());
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
                Runtime.getRuntime().halt(ExitCodes.ABORTED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fleetsim-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
