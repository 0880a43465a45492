package io.fleetsim.transport.dtls;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.californium.elements.util.ProtocolScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.base.SimClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Scandium's executor, made of one Vert.x event loop: tasks run on the device's context, timers
 * are Vert.x timers on that context, in the run's simulated time. No thread of its own, so a DTLS
 * connector driven by it costs no thread. It is never shut down: it owns nothing.
 */
public final class EventLoopExecutor extends AbstractExecutorService implements ProtocolScheduledExecutorService {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoopExecutor.class);

    private final Context context;
    private final SimClock clock;

    public EventLoopExecutor(Context context, SimClock clock) {
        this.context = context;
        this.clock = clock;
    }

    @Override
    public void execute(Runnable command) {
        context.runOnContext(v -> runSafely(command));
    }

    private static void runSafely(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            LOG.debug("DTLS task failed: {}", e.toString());
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return new Timer<>(() -> {
            command.run();
            return null;
        }, unit.toMillis(delay), 0).arm();
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return new Timer<>(callable, unit.toMillis(delay), 0).arm();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return new Timer<>(() -> {
            command.run();
            return null;
        }, unit.toMillis(initialDelay), Math.max(1, unit.toMillis(delay))).arm();
    }

    @Override
    public ScheduledFuture<?> scheduleBackground(Runnable command, long delay, TimeUnit unit) {
        return schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> scheduleBackground(Callable<V> callable, long delay, TimeUnit unit) {
        return schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleBackgroundAtFixedRate(Runnable command, long initialDelay, long period,
            TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleBackgroundWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public ScheduledExecutorService getBackgroundExecutor() {
        return this;
    }

    @Override
    public void shutdown() {
        // owns no thread; the event loop belongs to Vert.x
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** A one-shot or repeating timer on the context; cancel may come from any thread. */
    private final class Timer<V> implements ScheduledFuture<V> {

        private final Callable<V> task;
        private final long delayMillis;
        private final long periodMillis;
        private volatile long timerId = -1;
        private volatile long dueAtMillis;
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile V result;

        Timer(Callable<V> task, long delayMillis, long periodMillis) {
            this.task = task;
            this.delayMillis = delayMillis;
            this.periodMillis = periodMillis;
        }

        Timer<V> arm() {
            if (Vertx.currentContext() == context) {
                armHere(delayMillis);
            } else {
                context.runOnContext(v -> armHere(delayMillis));
            }
            return this;
        }

        private void armHere(long simMillis) {
            if (cancelled) {
                return;
            }
            dueAtMillis = clock.nowMillis() + simMillis;
            timerId = clock.schedule(simMillis, id -> fire());
        }

        private void fire() {
            if (cancelled) {
                return;
            }
            try {
                result = task.call();
            } catch (Exception e) {
                LOG.debug("DTLS timer task failed: {}", e.toString());
            }
            if (periodMillis > 0) {
                armHere(periodMillis);
            } else {
                done = true;
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            long id = timerId;
            if (id >= 0) {
                clock.cancel(id);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws ExecutionException {
            if (cancelled) {
                throw new CancellationException();
            }
            if (!done) {
                throw new ExecutionException(new IllegalStateException("event-loop timers cannot be waited for"));
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
            return get();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Math.max(0, dueAtMillis - clock.nowMillis()), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }
    }
}
