package io.fleetsim.server.bootstrap;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the bootstrap server writes into one client: one LwM2M server account, as a Security
 * instance (object 0) and a Server instance (object 1) with the same Short Server ID (LwM2M 1.1
 * Core §E.1 and §E.2).
 *
 * @param serverUri      the LwM2M server's URI, written to /0/1/0 ({@code coap://127.0.0.1:5683} and the like)
 * @param mode           how the client proves itself to that server, written to /0/1/2
 * @param pskIdentity    the PSK identity for {@link SecurityMode#PSK}, written to /0/1/3 as UTF-8; null otherwise
 * @param pskKey         the pre-shared key for {@link SecurityMode#PSK}, written to /0/1/5; null otherwise
 * @param shortServerId  the Short Server ID, /0/1/10 and /1/0/0 (1 to 65534)
 * @param lifetimeSeconds the registration lifetime, /1/0/1
 * @param binding        the binding mode, /1/0/7 ({@code U}, {@code UQ}, {@code T}, ...)
 */
public record BootstrapConfig(String serverUri, SecurityMode mode, String pskIdentity, byte[] pskKey,
        int shortServerId, long lifetimeSeconds, String binding) {

    /** The Security Mode resource's values fleetsim hands out (LwM2M 1.1 Core §E.1, resource 2). */
    public enum SecurityMode {
        PSK(0),
        NO_SEC(3);

        private final int code;

        SecurityMode(int code) {
            this.code = code;
        }

        /** The value of resource /0/x/2. */
        public int code() {
            return code;
        }
    }

    /** The Short Server ID fleetsim hands out when nothing else is asked for. */
    public static final int DEFAULT_SHORT_SERVER_ID = 1;

    public BootstrapConfig {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(binding, "binding");
        if (shortServerId < 1 || shortServerId > 65534) {
            throw new IllegalArgumentException("Short Server ID " + shortServerId + " is not within 1..65534");
        }
        if (lifetimeSeconds < 1) {
            throw new IllegalArgumentException("lifetime " + lifetimeSeconds + " s is not positive");
        }
        if (mode == SecurityMode.PSK && (pskIdentity == null || pskKey == null || pskKey.length == 0)) {
            throw new IllegalArgumentException("PSK mode for " + serverUri + " needs an identity and a key");
        }
        pskKey = pskKey == null ? null : pskKey.clone();
    }

    /** A server account without security (Security Mode 3, NoSec). */
    public static BootstrapConfig noSec(String serverUri, long lifetimeSeconds, String binding) {
        return new BootstrapConfig(serverUri, SecurityMode.NO_SEC, null, null, DEFAULT_SHORT_SERVER_ID,
                lifetimeSeconds, binding);
    }

    /** A server account reached with a pre-shared key (Security Mode 0, PSK). */
    public static BootstrapConfig psk(String serverUri, String identity, byte[] key, long lifetimeSeconds,
            String binding) {
        return new BootstrapConfig(serverUri, SecurityMode.PSK, identity, key, DEFAULT_SHORT_SERVER_ID,
                lifetimeSeconds, binding);
    }

    /** The key, a fresh copy; null without one. */
    @Override
    public byte[] pskKey() {
        return pskKey == null ? null : pskKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BootstrapConfig that && serverUri.equals(that.serverUri) && mode == that.mode
                && Objects.equals(pskIdentity, that.pskIdentity) && Arrays.equals(pskKey, that.pskKey)
                && shortServerId == that.shortServerId && lifetimeSeconds == that.lifetimeSeconds
                && binding.equals(that.binding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serverUri, mode, pskIdentity, Arrays.hashCode(pskKey), shortServerId, lifetimeSeconds,
                binding);
    }

    /** Names the server and the identity, never the key. */
    @Override
    public String toString() {
        return "BootstrapConfig[" + serverUri + ", " + mode + (pskIdentity == null ? "" : ", identity " + pskIdentity)
                + ", ssid " + shortServerId + ", lifetime " + lifetimeSeconds + " s, binding " + binding + "]";
    }
}
