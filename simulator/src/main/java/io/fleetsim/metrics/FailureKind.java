package io.fleetsim.metrics;

/** The operations whose failures are counted by cause. */
public enum FailureKind {
    REGISTRATION, UPDATE, DEREGISTRATION, HANDSHAKE
}
