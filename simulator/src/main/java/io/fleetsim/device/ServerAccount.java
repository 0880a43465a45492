package io.fleetsim.device;

import io.fleetsim.scenario.Security;

/**
 * The LwM2M server account a bootstrap server handed a device (LwM2M 1.1 Core §5.2.7): the
 * non-bootstrap Security instance (/0/x) and the Server instance (/1/y) with the same Short
 * Server ID. The device registers there, with this lifetime and binding, until it bootstraps again.
 * {@link #toString()} never shows the key.
 *
 * @param server          the LwM2M Server URI (/0/x/0)
 * @param securityMode    Security Mode (/0/x/2): 3 NoSec, 0 PSK
 * @param pskIdentity     PSK identity (/0/x/3 as UTF-8), null without PSK
 * @param pskKey          PSK (/0/x/5), null without PSK
 * @param shortServerId   Short Server ID (/0/x/10, /1/y/0)
 * @param lifetimeSeconds lifetime (/1/y/1), or 0 when the server instance has none
 * @param binding         binding (/1/y/7), or null when the server instance has none
 */
public record ServerAccount(ServerAddress server, int securityMode,
        String pskIdentity, byte[] pskKey, int shortServerId, long lifetimeSeconds, String binding) {

    /** Security Mode (/0/x/2) values, LwM2M 1.1 Core Appendix E.1. */
    public static final int MODE_PSK = 0;
    public static final int MODE_RPK = 1;
    public static final int MODE_CERTIFICATE = 2;
    public static final int MODE_NOSEC = 3;

    /** The credentials the device's channel to this server uses: none, or the PSK account, with {@code group}'s DTLS options. */
    public Security security(Security group) {
        return securityMode == MODE_PSK ? Security.pskAccount(pskIdentity, pskKey, group) : Security.NONE;
    }

    @Override
    public String toString() {
        return "ServerAccount[uri=" + server.uri() + ", securityMode=" + securityMode + ", pskIdentity=" + pskIdentity
                + ", key hidden, shortServerId=" + shortServerId + ", lifetime=" + lifetimeSeconds + ", binding="
                + binding + "]";
    }
}
