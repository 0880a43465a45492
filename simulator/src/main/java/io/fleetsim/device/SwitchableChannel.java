package io.fleetsim.device;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.resultsformat.Cause;
import io.vertx.core.Future;

/**
 * A device's channel to its LwM2M server, whichever that is now: the group's at first, the one a
 * bootstrap server handed out after a bootstrap. What the device's parts hold (observations,
 * Sends) keeps working across the switch; the handlers registered for a lost path and a server's
 * RST move to the new channel. On the device's event loop.
 */
final class SwitchableChannel implements CoapChannel {

    private CoapChannel current;
    private Consumer<Cause> pathLost;
    private IntConsumer reset;

    SwitchableChannel(CoapChannel first) {
        this.current = first;
    }

    /** Uses {@code next} from now on; the previous channel is closed. */
    Future<Void> switchTo(CoapChannel next) {
        CoapChannel previous = current;
        current = next;
        if (pathLost != null) {
            next.onPathLost(pathLost);
        }
        if (reset != null) {
            next.onReset(reset);
        }
        return previous == next ? Future.succeededFuture() : previous.close();
    }

    @Override
    public Future<Void> open() {
        return current.open();
    }

    @Override
    public Future<Response> send(Request request) {
        return current.send(request);
    }

    @Override
    public Future<Void> ping() {
        return current.ping();
    }

    @Override
    public void retarget() {
        current.retarget();
    }

    @Override
    public Future<Void> sendNotification(Response notification) {
        return current.sendNotification(notification);
    }

    @Override
    public void onReset(IntConsumer handler) {
        reset = handler;
        current.onReset(handler);
    }

    @Override
    public Future<Void> close() {
        return current.close();
    }

    @Override
    public boolean isOpen() {
        return current.isOpen();
    }

    @Override
    public int localPort() {
        return current.localPort();
    }

    @Override
    public void onPathLost(Consumer<Cause> handler) {
        pathLost = handler;
        current.onPathLost(handler);
    }
}
