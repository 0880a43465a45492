package io.fleetsim.server;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * Counts the registration events a Leshan server reports: registrations, updates and
 * deregistrations (expirations are counted separately). Safe to read from any thread.
 */
public final class RegistrationEventCounters implements RegistrationListener {

    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong deregistered = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();

    @Override
    public void registered(Registration registration, Registration previousRegistration,
            Collection<Observation> previousObservations) {
        registered.incrementAndGet();
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updatedRegistration,
            Registration previousRegistration) {
        updated.incrementAndGet();
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations,
            boolean expiredByLifetime, Registration newRegistration) {
        if (expiredByLifetime) {
            expired.incrementAndGet();
        } else {
            deregistered.incrementAndGet();
        }
    }

    /** Successful registrations (including re-registrations of a known endpoint). */
    public long registered() {
        return registered.get();
    }

    /** Successful registration updates. */
    public long updated() {
        return updated.get();
    }

    /** Registrations removed by a deregistration request or replaced by a new registration. */
    public long deregistered() {
        return deregistered.get();
    }

    /** Registrations removed because their lifetime ran out. */
    public long expired() {
        return expired.get();
    }
}
