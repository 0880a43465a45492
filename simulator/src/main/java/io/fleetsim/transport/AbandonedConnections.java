package io.fleetsim.transport;

import java.util.ArrayList;
import java.util.List;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;

/**
 * The connections one device gave up behind a dead NAT mapping without closing them. Behind a
 * real carrier NAT the device's FIN or reset would die in the NAT like every other segment of
 * the connection, so the server keeps its end open, half-open, until a timer of its own closes
 * it. To show the server the same, such a socket stays open: the device no longer uses it, and
 * what the server sends on it is dropped (counted in {@code nat.dropped.deadMapping}). Each keeps
 * its socket of the {@link SocketBudget} until the server closes it or the device stops, at the
 * end of the run at the latest; or, should the budget be spent when the device connects again,
 * until the device needs the socket: its oldest abandoned connection is then closed early
 * (counted), so that stale connections never stop a device from connecting. Used on the device's
 * event loop.
 */
public final class AbandonedConnections {

    private final ShardMetrics metrics;
    private List<NetSocket> sockets;

    public AbandonedConnections(ShardMetrics metrics) {
        this.metrics = metrics;
    }

    /** Takes over {@code socket}, which holds one socket of the budget, and leaves it open. */
    public void abandon(NetSocket socket) {
        metrics.increment(Counter.NAT_ABANDONED_CONNECTIONS);
        if (sockets == null) {
            sockets = new ArrayList<>(2);
        }
        sockets.add(socket);
        socket.handler(bytes -> metrics.increment(Counter.NAT_DROPPED_DEAD_MAPPING));
        socket.closeHandler(v -> release(socket));
    }

    /**
     * Closes every abandoned socket (the device stops); completes when they are closed. The kernel
     * then sends the server a FIN that a real NAT would have dropped, so at the end of a run the
     * server sees its stale connections closed (documented in docs/scenarios.md, {@code nat}).
     */
    public Future<Void> closeAll() {
        if (sockets == null || sockets.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<Void>> closing = new ArrayList<>(sockets.size());
        for (NetSocket socket : List.copyOf(sockets)) {
            release(socket);
            closing.add(socket.close().otherwiseEmpty());
        }
        return Future.join(closing).mapEmpty();
    }

    /** Closes the oldest abandoned socket, giving its socket back to the budget; false when there is none. */
    public boolean closeOldest() {
        if (sockets == null || sockets.isEmpty()) {
            return false;
        }
        NetSocket oldest = sockets.get(0);
        release(oldest);
        oldest.close();
        metrics.increment(Counter.NAT_ABANDONED_CLOSED_EARLY);
        return true;
    }

    private void release(NetSocket socket) {
        if (sockets != null && sockets.remove(socket)) {
            SocketBudget.process().release();
        }
    }
}
