package io.fleetsim.metrics;

/** Event counters kept per shard and added up over shards. */
public enum Counter {
    DEVICES_STARTED,
    DEVICES_REGISTERED,
    REGISTRATION_ATTEMPTS,
    REGISTRATIONS,
    REGISTRATION_FAILURES,
    UPDATE_ATTEMPTS,
    UPDATES,
    UPDATE_FAILURES,
    DEREGISTRATIONS,
    DEREGISTRATION_FAILURES,
    RETRANSMISSIONS,
    SENT_CON, SENT_NON, SENT_ACK, SENT_RST,
    RECEIVED_CON, RECEIVED_NON, RECEIVED_ACK, RECEIVED_RST,
    MALFORMED_RECEIVED,
    READS_SERVED,
    NOT_FOUND_SERVED,
    METHOD_NOT_ALLOWED_SERVED,
    /** Frames from the server larger than a device accepts (TCP/TLS); each closed its connection. */
    FRAMES_TOO_LARGE,
    // NAT emulation (io.fleetsim.nat) and the reachability it leaves
    NAT_MAPPINGS_CREATED, NAT_EXPIRIES, NAT_REBINDINGS, NAT_FLUSHED, NAT_PORT_NOT_PRESERVED, NAT_RESETS,
    NAT_DROPPED_UP, NAT_DROPPED_DOWN, NAT_DROPPED_DEAD_MAPPING, NAT_FILTERED,
    /** TCP/TLS connections given up behind a dead mapping and left open, as the server's end stays half-open. */
    NAT_ABANDONED_CONNECTIONS,
    /** Abandoned connections closed before the server closed them, to give a new connection its socket. */
    NAT_ABANDONED_CLOSED_EARLY,
    /** Keepalive pings sent: an empty CON over UDP/DTLS, an RFC 8323 Ping over TCP/TLS. */
    PINGS,
    /** Pings without answer: over UDP after all retransmissions, over TCP/TLS no Pong within pongTimeoutSeconds. */
    PING_FAILURES,
    /** Registered devices that found their path dead (ping unanswered, connection lost) and registered again. */
    PATH_BROKEN_REREGISTRATIONS,
    /** Broken paths of reachable devices that became reachable again; one per {@code reconnect} latency value. */
    RECONNECTS,
    PROBES, PROBE_SUCCESSES, PROBE_SKIPPED,
    /** DNS lookups of the target's host names (io.fleetsim.transport.HostAddresses), the first ones included. */
    DNS_LOOKUPS,
    /** Lookups that failed (no answer, an error code, no address); the devices kept the address they had. */
    DNS_LOOKUP_FAILURES,
    /** Lookups after a TTL whose answer no longer held the address in use: devices moved to a new one. */
    DNS_NEW_ADDRESSES,
    /** Devices' radio-on time, simulated ms: the union of each device's transmission tails (RadioMeter). */
    RADIO_ACTIVE_MILLIS,
    /** Datagrams and frames devices sent or received, each one turning the radio on. */
    RADIO_TRANSMISSIONS,
    // traffic by kind (TrafficKind), CoAP messages and their bytes, retransmissions included
    TRAFFIC_REGISTRATION_SENT, TRAFFIC_REGISTRATION_SENT_BYTES,
    TRAFFIC_REGISTRATION_RECEIVED, TRAFFIC_REGISTRATION_RECEIVED_BYTES,
    TRAFFIC_UPDATE_SENT, TRAFFIC_UPDATE_SENT_BYTES, TRAFFIC_UPDATE_RECEIVED, TRAFFIC_UPDATE_RECEIVED_BYTES,
    TRAFFIC_KEEPALIVE_SENT, TRAFFIC_KEEPALIVE_SENT_BYTES,
    TRAFFIC_KEEPALIVE_RECEIVED, TRAFFIC_KEEPALIVE_RECEIVED_BYTES,
    TRAFFIC_DATA_SENT, TRAFFIC_DATA_SENT_BYTES, TRAFFIC_DATA_RECEIVED, TRAFFIC_DATA_RECEIVED_BYTES,
    TRAFFIC_HANDSHAKE_SENT, TRAFFIC_HANDSHAKE_SENT_BYTES, TRAFFIC_HANDSHAKE_RECEIVED, TRAFFIC_HANDSHAKE_RECEIVED_BYTES,
    // DTLS
    DTLS_HANDSHAKES,
    DTLS_HANDSHAKE_FAILURES,
    DTLS_RESUMED_HANDSHAKES,
    DTLS_CID_NEGOTIATED,
    DTLS_RECONNECTS,
    // TLS (CoAP over TLS)
    /** TLS handshakes that established a connection, resumed ones included. */
    TLS_HANDSHAKES,
    /** TLS handshakes that resumed the device's earlier session (abbreviated handshake). */
    TLS_RESUMED_HANDSHAKES,
    /** TLS handshakes that failed, by cause under {@link FailureKind#TLS_HANDSHAKE}. */
    TLS_HANDSHAKE_FAILURES,
    /** Registered devices a reconnect storm made drop their session and register again. */
    SESSION_RESETS,
    /** Devices stopped during the run by a load stage going down or by churn (they de-register). */
    DEVICES_STOPPED,
    // LwM2M server operations the devices served (reads, not-found and not-allowed are above)
    WRITES_SERVED, EXECUTES_SERVED, DISCOVERS_SERVED, WRITE_ATTRIBUTES_SERVED, CREATES_SERVED, DELETES_SERVED,
    /** Observe requests that started an observation (the first response counts here, not as a read). */
    OBSERVES_SERVED,
    /** GET with Observe=1 that ended an observation (answered like a read). */
    OBSERVE_CANCELS_SERVED,
    /** Requests answered 4.00 Bad Request (a payload or attribute the device could not take). */
    BAD_REQUESTS_SERVED,
    /** Reboots (Execute /3/0/4) the devices went through. */
    REBOOTS,
    // Observe: notifications and the observations they belong to
    NOTIFICATIONS_CON, NOTIFICATIONS_NON,
    /** CON notifications the server acknowledged. */
    NOTIFICATIONS_ACKNOWLEDGED,
    /** CON notifications that got no ACK after all retransmissions; the observation ends with it. */
    NOTIFICATIONS_LOST,
    OBSERVATIONS_STARTED,
    /** Observations ended: cancelled (RST or GET Observe=1), lost, dropped by a new registration or a Delete. */
    OBSERVATIONS_ENDED,
    /** Of the ended observations, those the server ended by answering a notification with RST. */
    OBSERVATIONS_RESET,
    /** Devices that gave up registering: their LwM2M 1.1 communication sequences were all spent. */
    REGISTRATION_GAVE_UP,
    /** Queue mode: server requests that reached a device while it slept; it dropped them unanswered. */
    QUEUE_REQUESTS_WHILE_ASLEEP,
    // Firmware Update /5 (LwM2M 1.1 Core Appendix E.6)
    /** Firmware downloads started by a written Package URI, or packages pushed to /5/0/0. */
    FIRMWARE_STARTED,
    /** Firmware downloads that reached State 2 Downloaded. */
    FIRMWARE_DOWNLOADED,
    /** Firmware updates that installed the new firmware (Update Result 1). */
    FIRMWARE_SUCCEEDED,
    /** Firmware downloads that failed (State 0, Update Result 4). */
    FIRMWARE_FAILED,
    // LwM2M Send (POST /dp, LwM2M 1.1 Core §6.4.6)
    /** Sends the devices made. */
    SEND_SENT,
    /** Sends the server answered 2.04 Changed. */
    SEND_ACKNOWLEDGED,
    /** Sends answered otherwise or not at all, by cause under {@link FailureKind#SEND}. */
    SEND_FAILED,
    // LwM2M client-initiated bootstrap (LwM2M 1.1 Core §5.2.7, §6.1)
    /** Bootstrap-Requests the devices sent (each the start of one bootstrap attempt). */
    BOOTSTRAP_ATTEMPTS,
    /** Bootstrap attempts that ended with Bootstrap-Finish and a usable LwM2M server account. */
    BOOTSTRAP_SUCCESSES,
    /** Bootstrap attempts that failed, by cause under {@link FailureKind#BOOTSTRAP}. */
    BOOTSTRAP_FAILURES
}
