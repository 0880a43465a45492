package io.fleetsim.preflight;

import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.security.auth.x500.X500Principal;

import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.CertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

import io.fleetsim.transport.DnsLookup;

/**
 * The checks over DTLS (coaps://): a Scandium handshake with no client credentials whose
 * certificate verifier accepts anything and records the server's chain, then a CoAP ping over
 * the session. A server that demands a client certificate fails the handshake after it showed
 * its own, which is all the certificate checks need (as with {@code openssl s_client}).
 */
final class DtlsProbe {

    static {
        DtlsConfig.register();
        SystemConfig.register();
    }

    private DtlsProbe() {
    }

    static List<Check> run(InetSocketAddress address, PreflightOptions options) {
        List<Check> checks = new ArrayList<>();
        RecordingVerifier verifier = new RecordingVerifier();
        DTLSConnector connector;
        try {
            connector = new DTLSConnector(config(address, verifier));
        } catch (Exception e) {
            checks.add(Check.fail("dtls-handshake", "cannot set up DTLS: " + e.getMessage(),
                    "fleetsim could not set up its DTLS client on this machine",
                    "check the network configuration of this machine (a local address toward the target)"));
            return checks;
        }
        int messageId = ThreadLocalRandom.current().nextInt(0x10000);
        CompletableFuture<Void> established = new CompletableFuture<>();
        CompletableFuture<Long> answered = new CompletableFuture<>();
        connector.setRawDataReceiver(data -> {
            byte[] bytes = data.getBytes();
            if (CoapPing.answers(bytes, bytes.length, messageId)) {
                answered.complete(System.nanoTime());
            }
        });
        try {
            connector.start();
            long start = System.nanoTime();
            long[] sent = { 0 };
            connector.send(RawData.outbound(CoapPing.emptyCon(messageId), new AddressEndpointContext(address),
                    new MessageCallback() {
                        @Override
                        public void onConnecting() {
                        }

                        @Override
                        public void onDtlsRetransmission(int flight) {
                        }

                        @Override
                        public void onContextEstablished(EndpointContext context) {
                            established.complete(null);
                        }

                        @Override
                        public void onSent() {
                            sent[0] = System.nanoTime();
                            established.complete(null);
                        }

                        @Override
                        public void onError(Throwable error) {
                            established.completeExceptionally(error);
                            answered.completeExceptionally(error);
                        }
                    }, false));
            try {
                established.get(options.stepMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String why = e instanceof TimeoutException ? "no answer within " + CoapPing.seconds(options.stepMillis())
                        : cause.getMessage();
                if (verifier.chain.isEmpty()) {
                    checks.add(Check.fail("dtls-handshake", "failed before the server certificate: " + why,
                            "the DTLS handshake did not get as far as the server certificate: UDP port "
                                    + address.getPort() + " is blocked, no DTLS server listens there, or it offers"
                                    + " no certificate cipher suite",
                            "open UDP port " + address.getPort() + " outbound (and its replies) on every firewall;"
                                    + " check the scheme and port in the URI"));
                    return checks;
                }
                checks.add(Check.pass("dtls-handshake", "stopped after the server certificate (" + why
                        + "); the server likely demands a client certificate, which devices present"));
                checks.addAll(CertificateChecks.of(verifier.chain, options, Instant.now()));
                return checks;
            }
            double millis = (System.nanoTime() - start) / 1e6;
            checks.add(Check.pass("dtls-handshake", String.format("established in %.1f ms", millis), millis));
            checks.addAll(CertificateChecks.of(verifier.chain, options, Instant.now()));
            try {
                long at = answered.get(options.stepMillis(), TimeUnit.MILLISECONDS);
                double rtt = (at - (sent[0] == 0 ? start : sent[0])) / 1e6;
                checks.add(Check.pass("coap-ping", String.format("answered in %.1f ms over DTLS", rtt), rtt));
            } catch (Exception e) {
                checks.add(Check.fail("coap-ping", "no answer over DTLS within " + CoapPing.seconds(options.stepMillis()),
                        "the DTLS session is up but nothing answered a CoAP ping over it",
                        "check that the endpoint is the service's CoAP over DTLS endpoint"));
            }
            return checks;
        } catch (Exception e) {
            checks.add(Check.fail("dtls-handshake", "cannot start DTLS: " + e.getMessage(),
                    "this machine cannot open a DTLS client socket", "check the network configuration of this machine"));
            return checks;
        } finally {
            connector.destroy();
        }
    }

    private static DtlsConnectorConfig config(InetSocketAddress address, CertificateVerifier verifier)
            throws java.io.IOException {
        return DtlsConnectorConfig.builder(new Configuration())
                .setAddress(new InetSocketAddress(DnsLookup.localAddressToward(address.getAddress()), 0))
                .setSerializationLabel("fleetsim-preflight")
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4)
                .set(SystemConfig.HEALTH_STATUS_INTERVAL, 0, TimeUnit.SECONDS)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .setAsList(DtlsConfig.DTLS_CERTIFICATE_TYPES, CertificateType.X_509)
                .setCertificateVerifier(verifier)
                .build();
    }

    /** Accepts any server certificate and keeps the chain. */
    private static final class RecordingVerifier implements CertificateVerifier {
        volatile List<X509Certificate> chain = List.of();

        @Override
        public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
                InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject,
                boolean truncateCertificatePath, CertificateMessage message) {
            List<X509Certificate> seen = new ArrayList<>();
            if (message.getCertificateChain() != null) {
                for (Certificate c : message.getCertificateChain().getCertificates()) {
                    if (c instanceof X509Certificate x509) {
                        seen.add(x509);
                    }
                }
            }
            chain = List.copyOf(seen);
            return new CertificateVerificationResult(cid, message.getCertificateChain(), null);
        }

        @Override
        public List<CertificateType> getSupportedCertificateTypes() {
            return List.of(CertificateType.X_509);
        }

        @Override
        public List<X500Principal> getAcceptedIssuers() {
            return List.of();
        }

        @Override
        public void setResultHandler(HandshakeResultHandler resultHandler) {
            // results are returned synchronously
        }
    }
}
