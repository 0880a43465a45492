package io.fleetsim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

/**
 * Reads a group's {@code security} map and checks it against the group's transport: {@code dtls}
 * needs credentials, {@code tls} may present an x509 client certificate (without a mode, the
 * server alone is authenticated), plain transports refuse them, and each setting must fit the mode.
 */
final class SecurityReader {

    private SecurityReader() {
    }

    static Security read(MappingReader group, Transport transport) {
        boolean secureTransport = transport == Transport.DTLS || transport == Transport.TLS;
        if (!group.has(ScenarioKeys.SECURITY_SECTION)) {
            if (transport == Transport.DTLS) {
                throw group.error(ScenarioKeys.TRANSPORT, "'" + transport.key()
                        + "' needs a 'security' map (mode: psk, rpk or x509) in the same group");
            }
            return Security.NONE;
        }
        if (!secureTransport) {
            throw group.source().error(group.lineOf(ScenarioKeys.SECURITY_SECTION), group.field(ScenarioKeys.SECURITY_SECTION),
                    "is only for transport dtls or tls; this group's transport is " + transport.key());
        }
        ValueSite site = group.site(ScenarioKeys.SECURITY_SECTION).orElseThrow();
        MappingReader security = MappingReader.of(site.source(), site.node(), site.field(), site.line(), Section.SECURITY);
        // tls without a mode: the server alone is authenticated, and the map holds TLS options only.
        Security.Mode mode = transport == Transport.TLS && !security.has(ScenarioKeys.SECURITY_MODE) ? Security.Mode.NONE
                : Security.Mode.valueOf(security.read(ScenarioKeys.SECURITY_MODE).toUpperCase(Locale.ROOT));
        if (transport == Transport.TLS) {
            if (mode != Security.Mode.X509 && mode != Security.Mode.NONE) {
                throw security.error(ScenarioKeys.SECURITY_MODE, "transport tls takes mode x509 only (psk and rpk are for dtls)");
            }
            refuseUnless(security, false, "dtls", "transport", ScenarioKeys.CONNECTION_ID);
        }
        refuseUnless(security, mode == Security.Mode.PSK, "psk", ScenarioKeys.PSK_IDENTITY,
                ScenarioKeys.PSK_KEY_SEED, ScenarioKeys.PSK_KEYS_FILE);
        // the server's certificate is checked over tls whether or not the device has one of its own
        refuseUnless(security, mode == Security.Mode.X509 || transport == Transport.TLS, "x509 (or transport tls)",
                ScenarioKeys.EXPECT_ISSUER);
        String identity = security.read(ScenarioKeys.PSK_IDENTITY);
        Path keysFile = null;
        Map<String, byte[]> keys = Map.of();
        String seed = null;
        if (mode == Security.Mode.PSK && security.has(ScenarioKeys.PSK_KEYS_FILE)) {
            if (security.has(ScenarioKeys.PSK_KEY_SEED)) {
                throw security.error(ScenarioKeys.PSK_KEY_SEED, "give pskKeySeed or pskKeysFile, not both");
            }
            keysFile = resolve(security.source().name(), security.read(ScenarioKeys.PSK_KEYS_FILE));
            if (!Files.isRegularFile(keysFile)) {
                throw security.error(ScenarioKeys.PSK_KEYS_FILE, "file '" + keysFile + "' not found");
            }
            keys = PskKeysFile.read(keysFile);
        } else if (mode == Security.Mode.PSK) {
            seed = security.readOptional(ScenarioKeys.PSK_KEY_SEED).orElse("fleetsim");
        }
        return new Security(mode, identity, seed, keysFile, keys, security.read(ScenarioKeys.CONNECTION_ID),
                security.read(ScenarioKeys.SESSION_RESUMPTION), security.readOptional(ScenarioKeys.EXPECT_ISSUER).orElse(null));
    }

    private static void refuseUnless(MappingReader security, boolean allowed, String mode, ScenarioKey<?>... keys) {
        refuseUnless(security, allowed, mode, "mode", keys);
    }

    private static void refuseUnless(MappingReader security, boolean allowed, String what, String kind,
            ScenarioKey<?>... keys) {
        for (ScenarioKey<?> key : keys) {
            if (!allowed && security.has(key)) {
                throw security.error(key, "is only for " + kind + " " + what);
            }
        }
    }

    private static Path resolve(Path scenarioFile, String file) {
        Path path = Path.of(file);
        Path dir = scenarioFile == null ? null : scenarioFile.toAbsolutePath().getParent();
        return path.isAbsolute() || dir == null ? path : dir.resolve(path).normalize();
    }

    /** A PSK identity pattern: printable text holding {@code {endpoint}} exactly once. */
    static String identityPattern(String value) {
        int first = value.indexOf(Security.ENDPOINT_PLACEHOLDER);
        if (first < 0 || value.indexOf(Security.ENDPOINT_PLACEHOLDER, first + 1) >= 0) {
            throw new InvalidValueException("must hold {endpoint} exactly once, got '" + value + "'");
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidValueException("must be printable ASCII without spaces, got '" + value + "'");
        }
        return value;
    }

    /** A distinguished name such as {@code CN=ARM Bootstrap CA, O=ARM Ltd}, written back in RFC 2253 form. */
    static String distinguishedName(String value) {
        try {
            return new X500Principal(value).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("'" + value + "' is not a distinguished name (e.g. \"CN=Fleet CA, O=Example\")");
        }
    }
}
