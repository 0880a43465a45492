package io.fleetsim.transport;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import io.fleetsim.base.SimClock;
import io.vertx.core.buffer.Buffer;

/**
 * One direction of a TCP or TLS connection on the emulated path: frames held back for their
 * delay on the scaled clock and let through in the order they came, as TCP delivers: a frame
 * leaves at its own due time or with the frame before it, whichever is later, so a frame waiting
 * for a retransmission holds back the ones behind it. A frame with no delay behind an empty queue
 * goes through at once. One clock timer, for the head of the queue, armed only while frames wait;
 * the queue (a deque of frames and a ring of due times) is made on first use and reused. Used on
 * the device's event loop.
 */
public final class InOrderDelay {

    private final SimClock clock;
    private final Consumer<Buffer> sink;
    private ArrayDeque<Buffer> frames;
    private long[] due;
    private int head;
    private long lastDueMillis;
    private long timerId = -1;

    /** Frames go to {@code sink} when their time has come. */
    public InOrderDelay(SimClock clock, Consumer<Buffer> sink) {
        this.clock = clock;
        this.sink = sink;
    }

    /** Lets {@code frame} through after {@code delayMillis} of simulated time, after the frames before it. */
    public void offer(Buffer frame, long delayMillis) {
        if (delayMillis <= 0 && isEmpty()) {
            sink.accept(frame);
            return;
        }
        if (frames == null) {
            frames = new ArrayDeque<>(4);
            due = new long[4];
        }
        long at = Math.max(clock.nowMillis() + delayMillis, lastDueMillis);
        lastDueMillis = at;
        if (frames.size() == due.length) {
            grow();
        }
        due[(head + frames.size()) % due.length] = at;
        frames.add(frame);
        if (timerId == -1) {
            arm();
        }
    }

    /** Lets every waiting frame through now, in order (the connection is closing). */
    public void flush() {
        while (!isEmpty()) {
            sink.accept(poll());
        }
    }

    /** Drops every waiting frame and cancels the timer (the connection is gone). */
    public void clear() {
        clock.cancel(timerId);
        timerId = -1;
        if (frames != null) {
            frames.clear();
        }
        head = 0;
        lastDueMillis = 0;
    }

    boolean isEmpty() {
        return frames == null || frames.isEmpty();
    }

    private void arm() {
        timerId = clock.scheduleAt(due[head], id -> onTimer());
    }

    private void onTimer() {
        timerId = -1;
        long now = clock.nowMillis();
        while (!isEmpty() && due[head] <= now) {
            sink.accept(poll()); // may clear the queue, or offer more (and arm the timer)
        }
        if (!isEmpty() && timerId == -1) {
            arm();
        }
    }

    private Buffer poll() {
        head = (head + 1) % due.length;
        return frames.poll();
    }

    private void grow() {
        long[] larger = new long[due.length * 2];
        for (int i = 0; i < frames.size(); i++) {
            larger[i] = due[(head + i) % due.length];
        }
        due = larger;
        head = 0;
    }
}
