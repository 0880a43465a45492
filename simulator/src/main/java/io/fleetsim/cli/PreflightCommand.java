package io.fleetsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.security.auth.x500.X500Principal;

import io.fleetsim.preflight.ExpectedIssuer;
import io.fleetsim.preflight.Preflight;
import io.fleetsim.preflight.PreflightOptions;
import io.fleetsim.preflight.PreflightOutput;
import io.fleetsim.preflight.PreflightTarget;
import io.fleetsim.preflight.TargetReport;
import io.fleetsim.base.FleetVertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fleetsim preflight URI...}: checks the network between this machine and a device
 * management service the way its devices will meet it (docs/preflight.md).
 */
@Command(name = "preflight", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        description = "Check DNS, UDP/TCP reachability, the server certificate and CoAP ping against service URIs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check passed (warnings allowed)",
            "1:a check failed",
            "2:bad input (a URI, a flag)" })
final class PreflightCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "URI",
            description = "coap://, coaps://, coap+tcp://, coaps+tcp:// or https:// URI (default ports 5683, 5684,"
                    + " 5683, 5684, 443)")
    List<String> uris;

    @Option(names = "--expect-issuer", paramLabel = "DN",
            description = "the issuer the server certificate must have (a distinguished name, or the preset"
                    + " izuma-bootstrap); another issuer is reported as probable TLS inspection")
    String expectIssuer;

    @Option(names = "--cafile", paramLabel = "FILE",
            description = "PEM CA certificates to verify the server chain against (default: not verified)")
    Path cafile;

    @Option(names = "--json", description = "print the results as JSON instead of a table")
    boolean json;

    @Option(names = "--watch-dns", paramLabel = "SECONDS",
            description = "look each name up again after its TTL (waiting at most SECONDS) to see a fresh answer")
    double watchDnsSeconds;

    @Option(names = "--dns-server", paramLabel = "HOST:PORT",
            description = "the DNS server to ask, an IP address with an optional port (default: /etc/resolv.conf)")
    String dnsServer;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "first wait of the CoAP ping over UDP (default ${DEFAULT-VALUE}); it doubles over 4 tries,"
                    + " and every other step waits as long as the 4 tries together")
    double timeoutSeconds;

    @Override
    public Integer call() {
        List<PreflightTarget> targets = new ArrayList<>();
        for (String uri : uris) {
            try {
                targets.add(PreflightTarget.parse(uri));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 60)) {
            throw new BadInputException("--timeout: " + timeoutSeconds + " is not between 0 and 60 seconds");
        }
        if (!(watchDnsSeconds >= 0 && watchDnsSeconds <= 86_400)) {
            throw new BadInputException("--watch-dns: " + watchDnsSeconds + " is not between 0 and 86400 seconds");
        }
        PreflightOptions options = new PreflightOptions(issuer(), caCertificates(), dnsServer(),
                Math.round(watchDnsSeconds * 1000), Math.max(1, Math.round(timeoutSeconds * 1000)));
        List<TargetReport> reports = new Preflight(options).run(targets);
        if (json) {
            spec.commandLine().getOut().println(PreflightOutput.json(reports));
            spec.commandLine().getOut().flush();
        } else {
            PreflightOutput.table(reports, spec.commandLine().getOut());
        }
        return reports.stream().allMatch(TargetReport::passed) ? ExitCodes.PASS : ExitCodes.FAILED;
    }

    private X500Principal issuer() {
        if (expectIssuer == null) {
            return null;
        }
        try {
            return ExpectedIssuer.parse(expectIssuer);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private List<X509Certificate> caCertificates() {
        if (cafile == null) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(cafile)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new BadInputException("--cafile: " + cafile + " holds no certificate (PEM expected)");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw new BadInputException("--cafile: no such file: " + cafile);
        } catch (IOException | CertificateException e) {
            throw new BadInputException("--cafile: cannot read certificates from " + cafile + ": " + e.getMessage());
        }
    }

    private InetSocketAddress dnsServer() {
        if (dnsServer == null) {
            return null;
        }
        String text = dnsServer.trim();
        String host = text;
        int port = 53;
        int colon = text.lastIndexOf(':');
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new BadInputException("--dns-server: '" + dnsServer + "' lacks the closing ']'");
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                port = port(text.substring(close + 1).replaceFirst("^:", ""));
            }
        } else if (colon >= 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            port = port(text.substring(colon + 1));
        }
        if (!FleetVertx.isLiteral(host)) {
            throw new BadInputException("--dns-server: '" + dnsServer + "' is not an IP address (e.g. 127.0.0.1:5353)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new BadInputException("--dns-server: '" + dnsServer + "' is not an IP address: " + e.getMessage());
        }
    }

    private int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("--dns-server: port '" + text + "' in '" + dnsServer
                + "' is not between 1 and 65535");
    }
}
