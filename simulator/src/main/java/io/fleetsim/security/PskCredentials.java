package io.fleetsim.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.fleetsim.scenario.Security;

/**
 * The pre-shared keys of a group: each device's identity from the group's pattern, and its key,
 * derived as the first 16 bytes of HMAC-SHA256(seed, identity) or read from the group's keys file.
 * The same rules serve the devices and the embedded server. Never log a key.
 */
public final class PskCredentials {

    /** Length of a derived key in bytes (AES-128). */
    public static final int DERIVED_KEY_BYTES = 16;

    private final Security security;
    private final String identityPrefix;
    private final String identitySuffix;
    /** An identity without {@code {endpoint}}: one device's own, e.g. handed out by a bootstrap server. */
    private final boolean fixed;

    public PskCredentials(Security security) {
        this.security = security;
        String pattern = security.pskIdentity();
        int at = pattern.indexOf(Security.ENDPOINT_PLACEHOLDER);
        this.fixed = at < 0;
        this.identityPrefix = fixed ? pattern : pattern.substring(0, at);
        this.identitySuffix = fixed ? "" : pattern.substring(at + Security.ENDPOINT_PLACEHOLDER.length());
    }

    /** The PSK identity of a device; an identity without {@code {endpoint}} is the one identity itself. */
    public String identity(String endpoint) {
        return fixed ? identityPrefix : identityPrefix + endpoint + identitySuffix;
    }

    /** The endpoint name an identity of this group stands for, if it fits the pattern. */
    public Optional<String> endpointOf(String identity) {
        if (fixed) {
            return Optional.empty();
        }
        if (identity.length() > identityPrefix.length() + identitySuffix.length()
                && identity.startsWith(identityPrefix) && identity.endsWith(identitySuffix)) {
            return Optional.of(identity.substring(identityPrefix.length(), identity.length() - identitySuffix.length()));
        }
        return Optional.empty();
    }

    /** The key of an identity; empty when the keys file does not list it. A fresh copy each call. */
    public Optional<byte[]> key(String identity) {
        if (security.pskKeySeed() == null) {
            return Optional.ofNullable(security.pskKeys().get(identity)).map(byte[]::clone);
        }
        return Optional.of(derive(security.pskKeySeed(), identity));
    }

    static byte[] derive(String seed, String identity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(identity.getBytes(StandardCharsets.UTF_8)), DERIVED_KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PskCredentials[" + identityPrefix + "{endpoint}" + identitySuffix + ", keys hidden]";
    }
}
