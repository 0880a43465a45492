package io.fleetsim.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of a run, made with Bouncy Castle: a CA, a server certificate for 127.0.0.1 and
 * localhost (and the address the embedded servers listen on, {@code fleetsim run --server-host},
 * as an IP subjectAltName), and one certificate per device (CN = endpoint name), all ECDSA P-256. The CA and the
 * server key are kept in a directory (the results directory, or {@code --pki DIR} to reuse them
 * across runs) with owner-only permissions; device keys are made on demand and kept in memory.
 */
public final class FleetPki {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERT = "server.crt";
    public static final String SERVER_KEY = "server.key";
    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final String LOOPBACK = "127.0.0.1";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FleetPki.class);

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final CertifiedKey ca;
    private final CertifiedKey server;
    private final Map<String, CertifiedKey> devices = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private FleetPki(CertifiedKey ca, CertifiedKey server) {
        this.ca = ca;
        this.server = server;
    }

    /**
     * Loads the CA and server certificate from {@code dir}, or makes them (CA subject
     * {@code CN=<caName>, O=fleetsim}) and writes them there when the directory has none.
     */
    public static FleetPki loadOrCreate(Path dir, String caName) throws IOException {
        return loadOrCreate(dir, caName, LOOPBACK);
    }

    /**
     * As {@link #loadOrCreate(Path, String)}, the server certificate naming {@code serverAddress}
     * (an IP literal) as an IP subjectAltName, so that devices checking the server's certificate
     * against the address they connect to accept it. When the directory's server certificate does
     * not name it, a new one is issued by the directory's CA for it, 127.0.0.1 and localhost, and
     * written over {@link #SERVER_CERT} and {@link #SERVER_KEY} (the CA stays as it is).
     */
    public static FleetPki loadOrCreate(Path dir, String caName, String serverAddress) throws IOException {
        try {
            if (Files.exists(dir.resolve(CA_CERT)) && Files.exists(dir.resolve(SERVER_CERT))) {
                CertifiedKey ca = read(Files.readString(dir.resolve(CA_CERT)), Files.readString(dir.resolve(CA_KEY)),
                        dir.resolve(CA_CERT).toString(), null);
                FleetPki loaded = new FleetPki(ca, read(Files.readString(dir.resolve(SERVER_CERT)),
                        Files.readString(dir.resolve(SERVER_KEY)), dir.resolve(SERVER_CERT).toString(), ca));
                if (loaded.serverIpAddresses().contains(InetAddress.getByName(serverAddress).getHostAddress())) {
                    return loaded;
                }
                FleetPki reissued = new FleetPki(ca, issueServer(ca, serverAddress));
                reissued.writeServer(dir);
                LOG.info("{} did not name {}: a new server certificate from the same CA, for 127.0.0.1, localhost "
                        + "and {}, replaces it", dir.resolve(SERVER_CERT), serverAddress, serverAddress);
                return reissued;
            }
            FleetPki pki = create(caName, serverAddress);
            pki.write(dir);
            return pki;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make or read the certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The PKI as the PEM texts of its files ({@link #CA_CERT}, {@link #CA_KEY}, {@link #SERVER_CERT},
     * {@link #SERVER_KEY}), for a clustered run's coordinator to hand to its agents: with the CA's key
     * an agent signs its own devices' certificates. Private keys: never log them.
     */
    public Map<String, String> pemFiles() {
        return Map.of(CA_CERT, pem(ca.chain()), CA_KEY, pem(ca.privateKey()), SERVER_CERT, pem(server.chain()),
                SERVER_KEY, pem(server.privateKey()));
    }

    /** The PKI of {@link #pemFiles()}; {@code where} names their origin in messages. */
    public static FleetPki fromPem(Map<String, String> files, String where) throws IOException {
        for (String name : List.of(CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY)) {
            if (files.get(name) == null) {
                throw new IOException(where + ": no " + name);
            }
        }
        try {
            CertifiedKey ca = read(files.get(CA_CERT), files.get(CA_KEY), where + " " + CA_CERT, null);
            return new FleetPki(ca, read(files.get(SERVER_CERT), files.get(SERVER_KEY), where + " " + SERVER_CERT, ca));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot read the certificates of " + where + ": " + e.getMessage(), e);
        }
    }

    /** A new PKI in memory only. */
    public static FleetPki create(String caName) throws GeneralSecurityException, OperatorCreationException, IOException {
        return create(caName, LOOPBACK);
    }

    /**
     * A new PKI in memory only, its server certificate naming {@code serverAddress} (an IP
     * literal) as an IP subjectAltName besides 127.0.0.1 and localhost.
     */
    public static FleetPki create(String caName, String serverAddress)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair caKeys = newKeyPair();
        X500Name caSubject = new X500Name("CN=" + caName + ", O=fleetsim");
        X509Certificate caCert = sign(caSubject, caKeys, caSubject, caKeys.getPrivate(), null, true, null);
        CertifiedKey ca = new CertifiedKey(caKeys.getPrivate(), List.of(caCert));
        return new FleetPki(ca, issueServer(ca, serverAddress));
    }

    /** A server certificate issued by {@code ca} for 127.0.0.1, localhost and {@code serverAddress}. */
    private static CertifiedKey issueServer(CertifiedKey ca, String serverAddress)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.iPAddress, LOOPBACK),
                new GeneralName(GeneralName.dNSName, "localhost")));
        if (!InetAddress.getByName(serverAddress).getHostAddress().equals(LOOPBACK)) {
            names.add(new GeneralName(GeneralName.iPAddress, serverAddress)); // an IP literal: parsed, never looked up
        }
        KeyPair serverKeys = newKeyPair();
        X509Certificate caCert = ca.certificate();
        X509Certificate serverCert = sign(new X500Name("CN=fleetsim server, O=fleetsim"), serverKeys,
                X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()), ca.privateKey(), caCert, false,
                new GeneralNames(names.toArray(new GeneralName[0])));
        return new CertifiedKey(serverKeys.getPrivate(), List.of(serverCert, caCert));
    }

    /**
     * The IP addresses the server certificate names as subjectAltNames, each as
     * {@link InetAddress#getHostAddress()} writes it.
     */
    public List<String> serverIpAddresses() {
        try {
            java.util.Collection<List<?>> names = server.certificate().getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (List<?> name : names) {
                if (Integer.valueOf(GeneralName.iPAddress).equals(name.get(0))) {
                    out.add(InetAddress.getByName((String) name.get(1)).getHostAddress());
                }
            }
            return out;
        } catch (java.security.cert.CertificateParsingException | java.net.UnknownHostException e) {
            throw new IllegalStateException("cannot read the server certificate's names: " + e.getMessage(), e);
        }
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The server's key and chain (server certificate, then the CA). */
    public CertifiedKey server() {
        return server;
    }

    /** The device's key and chain (device certificate, then the CA); made on first use. */
    public CertifiedKey device(String endpoint) {
        return devices.computeIfAbsent(endpoint, this::newDevice);
    }

    private CertifiedKey newDevice(String endpoint) {
        try {
            KeyPair keys = newKeyPair();
            X509Certificate cert = sign(new X500Name("CN=" + endpoint + ", O=fleetsim"), keys,
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                    ca.privateKey(), ca.certificate(), false, null);
            return new CertifiedKey(keys.getPrivate(), List.of(cert, ca.certificate()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a certificate for " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** PEM text of a certificate chain, for TLS options that take PEM. */
    public static String pem(List<X509Certificate> chain) {
        return pemOf(chain.toArray());
    }

    /** PEM text of a private key (PKCS#8), for TLS options that take PEM. Never log it. */
    public static String pem(PrivateKey key) {
        try {
            return pemOf(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a private key", e);
        }
    }

    private void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeOwnerOnly(dir.resolve(CA_CERT), pem(ca.chain()));
        writeOwnerOnly(dir.resolve(CA_KEY), pem(ca.privateKey()));
        writeServer(dir);
    }

    private void writeServer(Path dir) throws IOException {
        writeOwnerOnly(dir.resolve(SERVER_CERT), pem(server.chain()));
        writeOwnerOnly(dir.resolve(SERVER_KEY), pem(server.privateKey()));
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static CertifiedKey read(String certPem, String keyPem, String certFile, CertifiedKey issuer)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key;
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = new StringReader(certPem); PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                chain.add(converter.getCertificate((X509CertificateHolder) o));
            }
        }
        try (Reader reader = new StringReader(keyPem); PEMParser parser = new PEMParser(reader)) {
            Object o = parser.readObject();
            PrivateKeyInfo info = o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) o;
            // the JDK's own EC key, as newKeyPair() makes: Bouncy Castle's converter names it "ECDSA",
            // which Scandium does not take for a DTLS certificate identity
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(certFile + " holds no certificate");
        }
        if (issuer != null && chain.size() == 1) {
            chain.add(issuer.certificate());
        }
        return new CertifiedKey(key, List.copyOf(chain));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
            X509Certificate issuerCert, boolean isCa, GeneralNames altNames)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        if (issuerCert != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
        }
        if (isCa) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
        }
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static String pemOf(Object... objects) {
        StringWriter text = new StringWriter();
        try (Writer w = text; JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }
}
