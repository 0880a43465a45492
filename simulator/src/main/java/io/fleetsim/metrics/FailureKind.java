package io.fleetsim.metrics;

/** The operations whose failures are counted by cause. */
public enum FailureKind {
    REGISTRATION, UPDATE, DEREGISTRATION,
    /** A DTLS handshake. */
    HANDSHAKE,
    /** A TLS handshake (CoAP over TLS), by cause: untrusted-certificate, issuer-mismatch, timeout, ... */
    TLS_HANDSHAKE,
    /** A device's connection died (TCP/TLS), by cause: pong-timeout, closed-by-server, abort, ... */
    CONNECTION,
    /** An LwM2M Send (POST /dp), by cause: error-response:4.04, timeout, ... */
    SEND,
    /** An LwM2M client-initiated bootstrap, by cause: timeout, error-response:4.03, no-finish, bad-config, ... */
    BOOTSTRAP
}
