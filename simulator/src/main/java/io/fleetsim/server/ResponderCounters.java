package io.fleetsim.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link MinimalLwm2mResponder} has seen. Written on the responder's event loop,
 * readable from any thread.
 */
public final class ResponderCounters {

    private final AtomicLong registrations = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong deregistrations = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong garbage = new AtomicLong();
    private final AtomicLong observeRequests = new AtomicLong();
    private final AtomicLong observationsStarted = new AtomicLong();
    private final AtomicLong observeRefused = new AtomicLong();
    private final AtomicLong attributesRequests = new AtomicLong();
    private final AtomicLong attributesWritten = new AtomicLong();
    private final AtomicLong attributesRefused = new AtomicLong();
    private final AtomicLong notificationsCon = new AtomicLong();
    private final AtomicLong notificationsNon = new AtomicLong();

    /** Registrations answered 2.01 Created (a duplicate CON is not counted again). */
    public long registrations() {
        return registrations.get();
    }

    /** Updates answered 2.04 Changed. */
    public long updates() {
        return updates.get();
    }

    /** Deregistrations answered 2.02 Deleted. */
    public long deregistrations() {
        return deregistrations.get();
    }

    /** Requests answered 4.04 Not Found (unknown registration id or unknown resource). */
    public long notFound() {
        return notFound.get();
    }

    /** Duplicated CON requests answered again from the deduplication cache. */
    public long duplicates() {
        return duplicates.get();
    }

    /** CoAP pings (empty CON) answered with RST. */
    public long pings() {
        return pings.get();
    }

    /** Datagrams that were not parseable CoAP and were dropped. */
    public long garbage() {
        return garbage.get();
    }

    void countRegistration() {
        registrations.incrementAndGet();
    }

    void countUpdate() {
        updates.incrementAndGet();
    }

    void countDeregistration() {
        deregistrations.incrementAndGet();
    }

    void countNotFound() {
        notFound.incrementAndGet();
    }

    void countDuplicate() {
        duplicates.incrementAndGet();
    }

    void countPing() {
        pings.incrementAndGet();
    }

    void countGarbage() {
        garbage.incrementAndGet();
    }

    /** Observe requests (GET with Observe 0) sent to devices that registered. */
    public long observeRequests() {
        return observeRequests.get();
    }

    /** Observe requests a device answered 2.05 Content: observations it holds from then on. */
    public long observationsStarted() {
        return observationsStarted.get();
    }

    /** Observe requests a device answered with anything but 2.05 Content. */
    public long observeRefused() {
        return observeRefused.get();
    }

    /** Confirmable notifications received and acknowledged (a retransmitted one is counted once). */
    public long notificationsCon() {
        return notificationsCon.get();
    }

    /** Non-confirmable notifications received. */
    public long notificationsNon() {
        return notificationsNon.get();
    }

    /** Write-Attributes (pmin, pmax) sent to devices that registered, each before its Observe. */
    public long attributesRequests() {
        return attributesRequests.get();
    }

    /** Write-Attributes a device answered 2.04 Changed. */
    public long attributesWritten() {
        return attributesWritten.get();
    }

    /** Write-Attributes a device answered with anything but 2.04 Changed. */
    public long attributesRefused() {
        return attributesRefused.get();
    }

    void countAttributesRequest() {
        attributesRequests.incrementAndGet();
    }

    void countAttributesWritten() {
        attributesWritten.incrementAndGet();
    }

    void countAttributesRefused() {
        attributesRefused.incrementAndGet();
    }

    void countObserveRequest() {
        observeRequests.incrementAndGet();
    }

    void countObservationStarted() {
        observationsStarted.incrementAndGet();
    }

    void countObserveRefused() {
        observeRefused.incrementAndGet();
    }

    void countNotification(boolean confirmable) {
        (confirmable ? notificationsCon : notificationsNon).incrementAndGet();
    }
}
