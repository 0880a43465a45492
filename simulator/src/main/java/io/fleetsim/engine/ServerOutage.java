package io.fleetsim.engine;

/**
 * Embedded servers a {@code serverOutage} event can take down: they stop, and later fresh ones,
 * with empty registration stores, start on the same ports. Both calls block; never on an event loop.
 */
public interface ServerOutage {

    /** Stops the servers; devices' requests go unanswered (or refused) from now on. */
    void stopServers() throws Exception;

    /** Starts fresh servers on the ports the stopped ones had. */
    void startServers();
}
