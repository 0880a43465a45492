package io.fleetsim.scenario;

import java.util.Optional;

/**
 * What the scenario asks of the embedded server (top-level {@code server}): today its
 * registration-limit protection. Refused with a {@code target}: fleetsim cannot change another server.
 *
 * @param registrationLimit the protection, or null for none
 */
public record ServerSettings(RegistrationLimit registrationLimit) {

    /** No protections: the embedded server takes every registration. */
    public static final ServerSettings NONE = new ServerSettings(null);

    /** The registration limit, if the scenario sets one. */
    public Optional<RegistrationLimit> limit() {
        return Optional.ofNullable(registrationLimit);
    }

    /** Whether the scenario asks anything of the embedded server. */
    public boolean any() {
        return registrationLimit != null;
    }

    /** The count and window a device recognises a block by: the scenario's limit, else the service's. */
    public RegistrationLimit blockRecognition() {
        return registrationLimit != null ? registrationLimit : RegistrationLimit.SERVICE_DEFAULT;
    }
}
