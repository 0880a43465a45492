package io.fleetsim.preflight;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.fleetsim.coap.tcp.TcpFrame;
import io.fleetsim.coap.tcp.TcpFrameAssembler;
import io.fleetsim.coap.tcp.TcpMessageCodec;
import io.fleetsim.coap.tcp.TcpSignal;
import io.fleetsim.transport.DnsLookup;
import io.vertx.core.buffer.Buffer;

/**
 * The checks over TCP: connect time, then for TLS the handshake and the server certificate
 * (captured by a trust manager that trusts anything and records it), then for CoAP the CSM
 * exchange and a Ping/Pong (RFC 8323). Blocking sockets on the caller's thread, never an event loop.
 */
final class StreamProbe {

    /** The Max-Message-Size preflight announces in its CSM (the RFC 8323 default). */
    private static final int MAX_MESSAGE_SIZE = 1152;

    private final PreflightTarget target;
    private final InetSocketAddress address;
    private final PreflightOptions options;
    private final List<Check> checks = new ArrayList<>();
    private final TcpMessageCodec codec = new TcpMessageCodec();
    private final Deque<TcpFrame> frames = new ArrayDeque<>();

    private StreamProbe(PreflightTarget target, InetSocketAddress address, PreflightOptions options) {
        this.target = target;
        this.address = address;
        this.options = options;
    }

    static List<Check> run(PreflightTarget target, InetSocketAddress address, PreflightOptions options) {
        StreamProbe probe = new StreamProbe(target, address, options);
        probe.run();
        return probe.checks;
    }

    private void run() {
        int step = (int) Math.min(Integer.MAX_VALUE, options.stepMillis());
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(DnsLookup.localAddressToward(address.getAddress()), 0));
            socket.setTcpNoDelay(true);
            long start = System.nanoTime();
            try {
                socket.connect(address, step);
            } catch (SocketTimeoutException e) {
                checks.add(Check.fail("tcp-connect", "no answer within " + CoapPing.seconds(step),
                        "the connection attempt got no answer: a firewall drops TCP to port " + address.getPort(),
                        "open TCP port " + address.getPort() + " outbound on every firewall between the devices"
                                + " and the service"));
                return;
            } catch (ConnectException e) {
                checks.add(Check.fail("tcp-connect", "refused: " + e.getMessage(),
                        "the host answered but refused the connection: nothing listens on TCP port "
                                + address.getPort() + ", or a firewall rejects it",
                        "check the port in the URI and that TCP port " + address.getPort() + " is open outbound"));
                return;
            }
            double millis = (System.nanoTime() - start) / 1e6;
            checks.add(Check.pass("tcp-connect", String.format("connected in %.1f ms", millis), millis));
            socket.setSoTimeout(step);
            Socket stream = socket;
            if (target.scheme().secure()) {
                stream = tls(socket);
                if (stream == null) {
                    return;
                }
            }
            if (target.scheme() != PreflightTarget.Scheme.HTTPS) {
                coap(stream);
            }
        } catch (IOException e) {
            checks.add(Check.fail("tcp-connect", "cannot connect: " + e.getMessage(),
                    "this machine cannot open a TCP connection to " + DnsLookup.text(address),
                    "check the network configuration of this machine and the firewalls on the way"));
        }
    }

    /** The TLS handshake; null when it failed (the checks say why). */
    private SSLSocket tls(Socket socket) throws IOException {
        RecordingTrust trust = new RecordingTrust();
        NoClientCertificate keys = new NoClientCertificate();
        SSLSocket tls;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new javax.net.ssl.KeyManager[] { keys }, new javax.net.ssl.TrustManager[] { trust },
                    new SecureRandom());
            tls = (SSLSocket) context.getSocketFactory().createSocket(socket, target.host(), address.getPort(), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS on this JDK: " + e.getMessage(), e);
        }
        if (!target.literal()) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
            tls.setSSLParameters(parameters);
        }
        tls.setUseClientMode(true);
        long start = System.nanoTime();
        try {
            tls.startHandshake();
        } catch (SSLException | SocketTimeoutException e) {
            if (trust.chain.isEmpty()) {
                checks.add(Check.fail("tls-handshake", "failed before the server certificate: " + e.getMessage(),
                        "the TLS handshake did not get as far as the server certificate: no TLS server on this port,"
                                + " no cipher suite in common, or a middlebox that cuts TLS",
                        "check the scheme and port in the URI; a firewall may block or inspect TLS"));
                return null;
            }
            checks.add(Check.pass("tls-handshake", keys.requested
                    ? "the server demands a client certificate; stopped after its certificate (as openssl s_client"
                            + " does); devices present theirs"
                    : "stopped after the server certificate: " + e.getMessage()));
            checks.addAll(CertificateChecks.of(trust.chain, options, Instant.now()));
            return null;
        }
        double millis = (System.nanoTime() - start) / 1e6;
        checks.add(Check.pass("tls-handshake", String.format("%s %s in %.1f ms%s", tls.getSession().getProtocol(),
                tls.getSession().getCipherSuite(), millis,
                keys.requested ? " (the server asked for a client certificate; none sent)" : ""), millis));
        checks.addAll(CertificateChecks.of(trust.chain, options, Instant.now()));
        return tls;
    }

    private void coap(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        TcpFrameAssembler assembler = new TcpFrameAssembler(64 * 1024, bytes -> frames.add(codec.decode(bytes)),
                size -> {
                    throw new IllegalStateException("the server sent a frame of " + size + " bytes");
                });
        long start = System.nanoTime();
        write(out, codec.encode(TcpSignal.csm(MAX_MESSAGE_SIZE, false)));
        TcpSignal csm;
        try {
            csm = await(in, assembler, TcpSignal.CSM, null);
        } catch (IOException | RuntimeException e) {
            checks.add(Check.fail("csm", "no CSM from the server: " + e.getMessage(),
                    "the server did not start CoAP over TCP (RFC 8323 sends a CSM first): not a CoAP/TCP endpoint,"
                            + " or it closed the connection (a server that requires a client certificate does)",
                    "check the scheme and port in the URI"));
            return;
        }
        double csmMillis = (System.nanoTime() - start) / 1e6;
        checks.add(Check.pass("csm", String.format("exchanged in %.1f ms; server Max-Message-Size %s", csmMillis,
                csm.maxMessageSize().map(String::valueOf).orElse("1152 (default)")), csmMillis));
        byte[] token = new byte[4];
        ThreadLocalRandom.current().nextBytes(token);
        start = System.nanoTime();
        write(out, codec.encode(TcpSignal.ping(token)));
        try {
            await(in, assembler, TcpSignal.PONG, token);
        } catch (IOException | RuntimeException e) {
            checks.add(Check.fail("coap-ping", "no Pong: " + e.getMessage(),
                    "the server did not answer a CoAP Ping (RFC 8323 section 5.4); keepalives over this path will"
                            + " not work",
                    "check that the endpoint is the service's CoAP over TCP endpoint"));
            return;
        }
        double millis = (System.nanoTime() - start) / 1e6;
        checks.add(Check.pass("coap-ping", String.format("Pong in %.1f ms", millis), millis));
        try {
            write(out, codec.encode(TcpSignal.release()));
        } catch (IOException e) {
            // the checks are done; a server that closed first is fine
        }
    }

    private static void write(OutputStream out, Buffer frame) throws IOException {
        out.write(frame.getBytes());
        out.flush();
    }

    /** Reads frames until a signal with {@code code} (and {@code token}, when given) arrives. */
    private TcpSignal await(InputStream in, TcpFrameAssembler assembler, int code, byte[] token) throws IOException {
        byte[] buffer = new byte[4096];
        while (true) {
            while (!frames.isEmpty()) {
                TcpFrame frame = frames.poll();
                TcpSignal signal = frame.signal();
                if (signal != null && signal.code() == TcpSignal.ABORT) {
                    throw new IOException("the server aborted the connection");
                }
                if (signal != null && signal.code() == code
                        && (token == null || java.util.Arrays.equals(token, signal.token()))) {
                    return signal;
                }
            }
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new IOException("nothing within " + CoapPing.seconds(options.stepMillis()));
            }
            if (read < 0) {
                throw new IOException("the server closed the connection");
            }
            assembler.feed(Buffer.buffer().appendBytes(buffer, 0, read));
        }
    }

    /** Trusts any server and keeps the chain it showed. */
    private static final class RecordingTrust extends X509ExtendedTrustManager {
        volatile List<X509Certificate> chain = List.of();

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) {
            chain = List.of(certificates);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) {
            chain = List.of(certificates);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
            chain = List.of(certificates);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Has no client certificate, and notes whether the server asked for one. */
    private static final class NoClientCertificate extends X509ExtendedKeyManager {
        volatile boolean requested;

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            requested = true;
            return null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            requested = true;
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }
}
