package io.fleetsim.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to end a run early (a signal, a user, a test). Any thread may request it; the first
 * reason wins. The engine stops the fleet as soon as it sees the request, de-registers within a
 * short bound and writes complete results marked {@code "aborted": true}.
 */
public final class RunAbort {

    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile String reason;

    /** Asks the run to stop; later requests keep the first reason. */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why;
            requested.countDown();
        }
    }

    /** Why the run was aborted, or null when it was not. */
    public String reason() {
        return reason;
    }

    public boolean isRequested() {
        return reason != null;
    }

    /** Waits up to {@code millis} of wall time for a request; true when one came. */
    boolean await(long millis) {
        try {
            return requested.await(Math.max(1, millis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isRequested();
        }
    }
}
