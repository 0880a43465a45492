package io.fleetsim.preflight;

import java.util.Locale;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

/**
 * The value of {@code --expect-issuer}: a distinguished name in either order ({@code openssl}'s
 * {@code C=GB, ..., CN=...} or RFC 2253's {@code CN=..., C=GB}), or the name of a preset.
 */
public final class ExpectedIssuer {

    /**
     * Presets: {@code izuma-bootstrap} is the issuer of the bootstrap server certificate of Izuma
     * Networks' Device Management, as its "Network configuration" guide gives it.
     */
    public static final Map<String, String> PRESETS = Map.of(
            "izuma-bootstrap", "C=GB, ST=Cambridgeshire, L=Cambridge, O=ARM Ltd, CN=ARM Bootstrap CA");

    private ExpectedIssuer() {
    }

    /**
     * @throws IllegalArgumentException naming the value when it is neither a preset nor a name
     */
    public static X500Principal parse(String value) {
        String preset = PRESETS.get(value.trim().toLowerCase(Locale.ROOT));
        String name = preset != null ? preset : value.trim();
        if (name.indexOf('=') < 0) {
            throw new IllegalArgumentException("--expect-issuer '" + value + "' is neither a preset ("
                    + String.join(", ", PRESETS.keySet()) + ") nor a distinguished name such as 'CN=My CA, O=Example'");
        }
        try {
            return new X500Principal(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--expect-issuer '" + value + "' is not a distinguished name: "
                    + e.getMessage());
        }
    }
}
