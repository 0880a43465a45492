package io.fleetsim.metrics;

import java.util.concurrent.TimeUnit;

import io.fleetsim.base.FleetVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * Serves {@code GET /metrics} (Prometheus text format) from {@link FleetMeters}. It runs on a
 * Vert.x instance of its own with one event loop, so a scrape never waits behind device traffic
 * and devices never wait behind a scrape; the scrape itself runs on that instance's worker thread,
 * never on an event loop. Binds to the address it is given (127.0.0.1 unless the user names another).
 */
public final class MetricsHttpServer implements AutoCloseable {

    /** Content type of the Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final long START_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final HttpServer server;

    private MetricsHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Starts listening on {@code host:port} (port 0 for any free port) and returns once it does.
     * Blocks: call from a plain thread.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static MetricsHttpServer start(String host, int port, FleetMeters meters) {
        Vertx vertx = FleetVertx.oneEventLoop();
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> vertx.executeBlocking(meters::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(text))
                .onFailure(ctx::fail));
        try {
            Future<HttpServer> listening = vertx.createHttpServer().requestHandler(router)
                    .listen(port, FleetVertx.literal(host));
            HttpServer server = listening.toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new MetricsHttpServer(vertx, server);
        } catch (Exception e) {
            vertx.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + port + ": " + cause.getMessage(), e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Stops listening and releases its threads; blocks up to 10 s. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // closing is best effort: the process is ending its run
        }
    }
}
