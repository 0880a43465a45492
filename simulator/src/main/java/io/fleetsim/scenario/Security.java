package io.fleetsim.scenario;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a group's devices secure their transport (DTLS for {@code dtls}, TLS for {@code tls}).
 * {@link #toString()} never shows key material.
 *
 * @param mode              the kind of credentials; {@link Mode#NONE} for plain {@code udp} and {@code tcp}, and for
 *                          {@code tls} devices that present no certificate
 * @param pskIdentity       PSK identity pattern, {@code {endpoint}} standing for the endpoint name; without
 *                          it (never from a scenario) the one identity of a device's own account
 * @param pskKeySeed        secret from which each device's PSK is derived, or null when keys come from a file
 * @param pskKeysFile       CSV file of {@code identity,hexkey} lines, or null
 * @param pskKeys           the keys read from {@code pskKeysFile} by identity (empty without a file)
 * @param connectionId      whether devices offer the DTLS Connection ID extension (RFC 9146)
 * @param sessionResumption whether a device resumes its DTLS or TLS session (abbreviated handshake) when it reconnects
 * @param expectIssuer      distinguished name the server certificate's issuer must have, or null for no check
 */
public record Security(Mode mode, String pskIdentity, String pskKeySeed, Path pskKeysFile,
        Map<String, byte[]> pskKeys, boolean connectionId, boolean sessionResumption, String expectIssuer) {

    /** No security: plain CoAP. */
    public static final Security NONE = new Security(Mode.NONE);

    /** The default PSK identity pattern: the endpoint name itself. */
    public static final String ENDPOINT_PLACEHOLDER = "{endpoint}";

    /** Kinds of credentials. */
    public enum Mode { NONE, PSK, RPK, X509 }

    public Security {
        pskKeys = pskKeys == null ? Map.of() : Map.copyOf(pskKeys);
    }

    /** Credentials of a mode with the defaults of every other setting. */
    public Security(Mode mode) {
        this(mode, ENDPOINT_PLACEHOLDER, mode == Mode.PSK ? "fleetsim" : null, null, Map.of(), false, false, null);
    }

    /**
     * A PSK account of one device, e.g. handed out by a bootstrap server: its identity and key,
     * with the Connection ID and session resumption settings of {@code like} (the group's).
     */
    public static Security pskAccount(String identity, byte[] key, Security like) {
        return new Security(Mode.PSK, identity, null, null, Map.of(identity, key.clone()), like.connectionId(),
                like.sessionResumption(), null);
    }

    public boolean isSecure() {
        return mode != Mode.NONE;
    }

    @Override
    public String toString() {
        return "Security[mode=" + mode + ", pskIdentity=" + pskIdentity + ", pskKeySeed="
                + (pskKeySeed == null ? "none" : "hidden") + ", pskKeysFile=" + pskKeysFile + ", pskKeys="
                + pskKeys.size() + " hidden, connectionId=" + connectionId + ", sessionResumption="
                + sessionResumption + ", expectIssuer=" + expectIssuer + "]";
    }
}
