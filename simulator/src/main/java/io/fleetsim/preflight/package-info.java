/**
 * {@code fleetsim preflight}: checks the network facts a device fleet depends on (DNS answers and
 * their TTL, UDP and TCP reachability, the server certificate and its issuer, CoAP ping and the
 * RFC 8323 CSM/Ping exchange) against real targets, before a run or a deployment.
 */
package io.fleetsim.preflight;
