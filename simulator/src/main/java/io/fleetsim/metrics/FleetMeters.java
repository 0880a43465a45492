package io.fleetsim.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Micrometer meters over a run's {@link LiveFigures}, rendered in the Prometheus text format.
 * Nothing is counted twice: the shards keep counting as they always do, and every meter is a
 * gauge or function counter that reads one {@link RunTotals} taken at the start of each scrape.
 * Failure causes appear while the run goes on, so each scrape registers the causes seen so far.
 */
public final class FleetMeters {

    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LiveFigures figures;
    private volatile RunTotals totals;

    public FleetMeters(LiveFigures figures) {
        this.figures = figures;
        this.totals = figures.totals();
        Gauge.builder("fleetsim.devices.registered", this, m -> m.totals.registeredNow())
                .description("Devices registered now").register(registry);
        Gauge.builder("fleetsim.devices.planned", figures, f -> f.plannedDevices())
                .description("Devices the scenario plans").register(registry);
        counter("fleetsim.devices.started", Counter.DEVICES_STARTED, "Devices that began registering");
        counter("fleetsim.devices.first.registrations", Counter.DEVICES_REGISTERED,
                "Devices that were registered at least once");
        counter("fleetsim.registration.attempts", Counter.REGISTRATION_ATTEMPTS, "Register requests sent");
        counter("fleetsim.registrations", Counter.REGISTRATIONS, "Register requests answered 2.01 Created");
        counter("fleetsim.update.attempts", Counter.UPDATE_ATTEMPTS, "Registration Update requests sent");
        counter("fleetsim.updates", Counter.UPDATES, "Registration Updates answered with success");
        counter("fleetsim.deregistrations", Counter.DEREGISTRATIONS, "De-register requests answered 2.02 Deleted");
        counter("fleetsim.retransmissions", Counter.RETRANSMISSIONS, "CoAP CON retransmissions sent by devices");
        FunctionCounter.builder("fleetsim.notifications", this, m -> m.totals.get(Counter.NOTIFICATIONS_CON))
                .description("Observe notifications sent, by type").tag("type", "con").register(registry);
        FunctionCounter.builder("fleetsim.notifications", this, m -> m.totals.get(Counter.NOTIFICATIONS_NON))
                .description("Observe notifications sent, by type").tag("type", "non").register(registry);
        counter("fleetsim.notifications.acknowledged", Counter.NOTIFICATIONS_ACKNOWLEDGED,
                "CON notifications the server acknowledged");
        counter("fleetsim.notifications.lost", Counter.NOTIFICATIONS_LOST,
                "CON notifications without ACK after all retransmissions");
        Gauge.builder("fleetsim.observations.active", this,
                m -> m.totals.get(Counter.OBSERVATIONS_STARTED) - m.totals.get(Counter.OBSERVATIONS_ENDED))
                .description("Observations the devices hold now").register(registry);
        for (var operation : List.of(
                Map.entry("read", Counter.READS_SERVED), Map.entry("write", Counter.WRITES_SERVED),
                Map.entry("execute", Counter.EXECUTES_SERVED),
                Map.entry("discover", Counter.DISCOVERS_SERVED),
                Map.entry("write_attributes", Counter.WRITE_ATTRIBUTES_SERVED),
                Map.entry("create", Counter.CREATES_SERVED), Map.entry("delete", Counter.DELETES_SERVED),
                Map.entry("observe", Counter.OBSERVES_SERVED),
                Map.entry("observe_cancel", Counter.OBSERVE_CANCELS_SERVED))) {
            FunctionCounter.builder("fleetsim.server.operations", this, m -> m.totals.get(operation.getValue()))
                    .description("Server operations the devices served, by kind")
                    .tag("operation", operation.getKey()).register(registry);
        }
        for (var outcome : List.of(Map.entry("started", Counter.FIRMWARE_STARTED),
                Map.entry("downloaded", Counter.FIRMWARE_DOWNLOADED), Map.entry("succeeded", Counter.FIRMWARE_SUCCEEDED),
                Map.entry("failed", Counter.FIRMWARE_FAILED))) {
            FunctionCounter.builder("fleetsim.firmware", this, m -> m.totals.get(outcome.getValue()))
                    .description("Firmware updates (/5) of the devices, by step: started, downloaded, "
                            + "succeeded, failed (download)")
                    .tag("step", outcome.getKey()).register(registry);
        }
        for (var result : List.of(Map.entry("acknowledged", Counter.SEND_ACKNOWLEDGED),
                Map.entry("failed", Counter.SEND_FAILED))) {
            FunctionCounter.builder("fleetsim.send", this, m -> m.totals.get(result.getValue()))
                    .description("LwM2M Sends (POST /dp) of the devices, by result: acknowledged (2.04), failed")
                    .tag("result", result.getKey()).register(registry);
        }
        counter("fleetsim.bootstrap.attempts", Counter.BOOTSTRAP_ATTEMPTS, "Bootstrap-Requests sent (LwM2M bootstrap attempts)");
        counter("fleetsim.bootstraps", Counter.BOOTSTRAP_SUCCESSES,
                "Bootstraps that ended with Bootstrap-Finish and a usable server account");
        latency("fleetsim.bootstrap.latency", LatencyMetric.BOOTSTRAP,
                "Bootstrap latency from the intended start (corrected) to Bootstrap-Finish, whole run so far");
        latency("fleetsim.registration.latency", LatencyMetric.REGISTRATION,
                "Register latency from the intended start (corrected), whole run so far");
        latency("fleetsim.update.latency", LatencyMetric.UPDATE,
                "Registration Update latency from the intended start (corrected), whole run so far");
        latency("fleetsim.notification.latency", LatencyMetric.NOTIFICATION,
                "CON notification: first transmission to the server's ACK, retransmissions included, whole run so far");
    }

    /** The Prometheus text exposition of the run now. Safe from any thread; blocks briefly, so not on an event loop. */
    public synchronized String scrape() {
        totals = figures.totals();
        for (FailureKind kind : FailureKind.values()) {
            for (String cause : totals.failures(kind).keySet()) {
                failureCounter(kind, cause);
            }
        }
        return registry.scrape();
    }

    private void counter(String name, Counter counter, String description) {
        FunctionCounter.builder(name, this, m -> m.totals.get(counter)).description(description).register(registry);
    }

    private void failureCounter(FailureKind kind, String cause) {
        String operation = kind.name().toLowerCase(java.util.Locale.ROOT);
        ToDoubleFunction<FleetMeters> read = m -> {
            Map<String, Long> byCause = m.totals.failures(kind);
            Long n = byCause.get(cause);
            return n == null ? 0 : n;
        };
        FunctionCounter.builder("fleetsim.failures", this, read)
                .description("Failed attempts by operation and cause")
                .tag("operation", operation).tag("cause", cause).register(registry);
    }

    private void latency(String name, LatencyMetric metric, String description) {
        for (double q : QUANTILES) {
            Gauge.builder(name, figures, f -> seconds(f.percentileMs(metric, q * 100)))
                    .description(description).baseUnit("seconds")
                    .tag("quantile", Double.toString(q)).register(registry);
        }
    }

    private static double seconds(Double millis) {
        return millis == null ? Double.NaN : millis / 1000.0;
    }
}
