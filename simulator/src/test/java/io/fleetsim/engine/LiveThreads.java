package io.fleetsim.engine;

/** What the thread-count tests count. */
public final class LiveThreads {

    private LiveThreads() {
    }

    /**
     * Live threads, as Thread.getAllStackTraces sees them: the JIT's compiler threads, which the
     * JVM adds and removes by itself as compile load changes, are not among them.
     */
    public static int count() {
        return Thread.getAllStackTraces().size();
    }
}
