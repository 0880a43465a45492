/**
 * {@code fleetsim tune}: sweeps keepalive settings against carrier NAT profiles. A tune file is
 * a base scenario plus a {@code sweep} section; every cell (profile x group x candidate) is a real
 * fleet run against the embedded server, and the recommendation per profile and group is the
 * longest candidate interval whose simulated fleet met the goal.
 */
package io.fleetsim.tune;
