package io.fleetsim.coap.tcp;

import io.fleetsim.base.SimClock;


/**
 * CoAP keepalive over a stream: when nothing has been sent or received for the ping interval,
 * send a Ping; when its Pong does not come within the pong timeout, the connection is dead.
 * All times are simulated, through the run's clock. Lives on one event loop.
 */
public final class TcpKeepalive {

    private final SimClock clock;
    private final long intervalMillis;
    private final long pongTimeoutMillis;
    private final Runnable sendPing;
    private final Runnable dead;
    private long lastActivityMillis;
    private long timerId = -1;
    private boolean awaitingPong;
    private boolean running;

    /**
     * @param intervalMillis idle time before a Ping; 0 or less means no pings
     * @param sendPing       sends one Ping
     * @param dead           called once when a Pong did not arrive in time
     */
    public TcpKeepalive(SimClock clock, long intervalMillis, long pongTimeoutMillis, Runnable sendPing, Runnable dead) {
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.pongTimeoutMillis = pongTimeoutMillis;
        this.sendPing = sendPing;
        this.dead = dead;
    }

    /** Starts watching the connection; counts from now. */
    public void start() {
        stop();
        running = intervalMillis > 0;
        lastActivityMillis = clock.nowMillis();
        scheduleCheck();
    }

    /** Something was sent or received: the connection is not idle. */
    public void activity() {
        lastActivityMillis = clock.nowMillis();
    }

    /** A Pong arrived. */
    public void pong() {
        if (awaitingPong) {
            awaitingPong = false;
            clock.cancel(timerId);
            activity();
            scheduleCheck();
        }
    }

    public void stop() {
        running = false;
        awaitingPong = false;
        clock.cancel(timerId);
    }

    private void scheduleCheck() {
        if (running) {
            timerId = clock.scheduleAt(lastActivityMillis + intervalMillis, id -> check());
        }
    }

    private void check() {
        if (!running || awaitingPong) {
            return;
        }
        if (clock.nowMillis() - lastActivityMillis < intervalMillis) {
            scheduleCheck();
            return;
        }
        awaitingPong = true;
        sendPing.run();
        timerId = clock.schedule(pongTimeoutMillis, id -> {
            if (running && awaitingPong) {
                stop();
                dead.run();
            }
        });
    }
}
