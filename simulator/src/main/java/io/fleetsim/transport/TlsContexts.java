package io.fleetsim.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.fleetsim.scenario.Security;
import io.fleetsim.security.CertifiedKey;
import io.fleetsim.security.FleetPki;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The JDK SSL contexts of one shard's TLS devices. A JDK SSL context keeps one cache of client
 * sessions by server host and port and resumes from it whenever it can: with one context for the
 * shard, every device would resume the session of whichever device connected before it. So a device
 * with {@code sessionResumption: true} has a context of its own for life, and resumes its own session
 * when it reconnects (abbreviated handshake: a TLS 1.3 ticket or a TLS 1.2 session ID, as the server
 * offers). Devices without share one context (x509 devices one each, for their own certificate)
 * whose session cache holds one entry, and each of their connections gets a cache key of its own
 * ({@link #cacheKeyPort}), so that no session is ever found to resume: a full handshake each time,
 * without the cost of a new context per connection. Trust
 * (the run's CA, or the JVM's trust store without a PKI) is built once. Used on the shard's event loop.
 */
public final class TlsContexts {

    private static final char[] NO_PASSWORD = new char[0];

    private final FleetPki pki;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SSLContext> resuming = new HashMap<>();
    private final Map<String, SSLContext> fullHandshakes = new HashMap<>();
    private TrustManager[] trust;
    private int nextKey;

    TlsContexts(FleetPki pki) {
        this.pki = pki;
    }

    /**
     * The context for a connection of {@code endpoint}: its own when it resumes sessions, else one
     * shared by the devices that present no certificate of their own.
     */
    SSLContext forConnection(String endpoint, Security security) {
        if (security.sessionResumption()) {
            return resuming.computeIfAbsent(endpoint, e -> newContext(e, security));
        }
        String key = (security.mode() == Security.Mode.X509 && pki != null ? endpoint : "")
                + (security.expectIssuer() != null ? "|issuer" : "");
        return fullHandshakes.computeIfAbsent(key, k -> {
            SSLContext context = newContext(endpoint, security);
            context.getClientSessionContext().setSessionCacheSize(1);
            return context;
        });
    }

    /**
     * The port the JDK keys its session cache by for this connection (the real port goes to the
     * socket, not the engine): the server's own port for a device that resumes, a number that never
     * repeats on this shard for one that does not, so its lookup finds nothing.
     */
    int cacheKeyPort(int serverPort, Security security) {
        if (security.sessionResumption()) {
            return serverPort;
        }
        nextKey = nextKey == Integer.MAX_VALUE ? 1 : nextKey + 1;
        return nextKey;
    }

    /**
     * Whether {@code session} resumed an earlier one: a resumed session keeps the creation time of the
     * session it continues, earlier than the start of this connection (both JDK wall-clock times).
     */
    public static boolean resumed(SSLSession session, long connectStartedMillis) {
        return session != null && session.getCreationTime() < connectStartedMillis;
    }

    private SSLContext newContext(String endpoint, Security security) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(endpoint, security), trustManagers(security), random);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context of " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** The device's certificate in x509 mode (with a PKI), else none. */
    private KeyManager[] keyManagers(String endpoint, Security security) throws GeneralSecurityException {
        if (security.mode() != Security.Mode.X509 || pki == null) {
            return null;
        }
        CertifiedKey device = pki.device(endpoint);
        KeyStore store = emptyStore();
        store.setKeyEntry("device", device.privateKey(), NO_PASSWORD,
                device.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory.getKeyManagers();
    }

    /**
     * With {@code expectIssuer} every certificate gets through the handshake, so that the issuer can
     * decide afterwards ({@link TlsIssuerCheck}); otherwise the run's CA, or the JVM's trust store.
     */
    private TrustManager[] trustManagers(Security security) throws GeneralSecurityException {
        if (security.expectIssuer() != null) {
            return InsecureTrustManagerFactory.INSTANCE.getTrustManagers();
        }
        if (trust == null) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(pki == null ? null : caStore());
            trust = factory.getTrustManagers();
        }
        return trust;
    }

    private KeyStore caStore() throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("ca", pki.caCertificate());
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
