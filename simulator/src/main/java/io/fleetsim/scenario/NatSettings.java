package io.fleetsim.scenario;

/**
 * The emulated carrier NAT between a group's devices and the server.
 *
 * @param enabled false when the devices reach the server directly
 */
public record NatSettings(boolean enabled) {

    /** No NAT: devices reach the server directly. */
    public static final NatSettings NONE = new NatSettings(false);
}
