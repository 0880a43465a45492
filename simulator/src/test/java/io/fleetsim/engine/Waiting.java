package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

/** Waiting in tests for what a run does, with a deadline instead of a fixed sleep. */
final class Waiting {

    private Waiting() {
    }

    /** Returns once {@code condition} holds; fails the test if it does not within {@code millis}. */
    static void waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
