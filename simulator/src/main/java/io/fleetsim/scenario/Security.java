package io.fleetsim.scenario;

/**
 * How a group's devices secure their transport (DTLS for {@code dtls}, TLS for {@code tls}).
 *
 * @param mode the kind of credentials; {@link Mode#NONE} for plain {@code udp} and {@code tcp}
 */
public record Security(Mode mode) {

    /** No security: plain CoAP. */
    public static final Security NONE = new Security(Mode.NONE);

    /** Kinds of credentials. */
    public enum Mode { NONE, PSK, RPK, X509 }
}
