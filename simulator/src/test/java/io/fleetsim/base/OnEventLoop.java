package io.fleetsim.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vertx.core.Context;

/**
 * What unit tests of event-loop code do from the test thread: act on the loop, and wait for what
 * it did.
 */
public final class OnEventLoop {

    private OnEventLoop() {
    }

    /** Runs {@code action} on {@code context} and returns its result (10 s at most). */
    public static <T> T call(Context context, Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} holds, failing the test after 10 s of wall time. */
    public static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
