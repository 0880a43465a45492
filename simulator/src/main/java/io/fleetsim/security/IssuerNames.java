package io.fleetsim.security;

import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Compares certificate issuer names attribute by attribute, in any order, since tools print them
 * in either order ({@code openssl} most significant first, RFC 2253 least significant first).
 * A server certificate issued by anyone but the expected issuer is the mark of a TLS-inspecting
 * firewall.
 */
public final class IssuerNames {

    private IssuerNames() {
    }

    /** Whether {@code actual} names the same issuer as {@code expected}. */
    public static boolean matches(X500Principal actual, X500Principal expected) {
        return attributes(actual).equals(attributes(expected));
    }

    /** The canonical attributes of a name, sorted. */
    static List<String> attributes(X500Principal name) {
        try {
            return new LdapName(name.getName(X500Principal.CANONICAL)).getRdns().stream()
                    .map(Rdn::toString).sorted().toList();
        } catch (InvalidNameException e) {
            return List.of(name.getName(X500Principal.CANONICAL));
        }
    }
}
