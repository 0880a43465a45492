package io.fleetsim.metrics;

/** The operations whose failures are counted by cause. */
public enum FailureKind {
    REGISTRATION, UPDATE, DEREGISTRATION, HANDSHAKE,
    /** A device's connection died (TCP/TLS), by cause: pong-timeout, closed-by-server, abort, ... */
    CONNECTION
}
