package io.fleetsim.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs headless Chromium on a local file, offline and with a fresh profile, bounded in time: the
 * process (and its children) is killed when it takes too long. For tests only.
 */
final class HeadlessChromium {

    /** Where Debian, Ubuntu and others install it; {@code CHROMIUM} in the environment comes first. */
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/snap/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser found on this machine, if any. */
    static Optional<HeadlessChromium> find() {
        String fromEnv = System.getenv("CHROMIUM");
        return Stream.concat(Stream.ofNullable(fromEnv), CANDIDATES.stream())
                .map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** Where this machine's browser was looked for, for a skip message. */
    static String searched() {
        return "$CHROMIUM, " + String.join(", ", CANDIDATES);
    }

    /** The DOM of the page after its scripts ran (up to 5 s of virtual time). */
    String dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
        Path out = workDir.resolve("dom.html");
        run(workDir, out, List.of("--dump-dom", page.toUri().toString()));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG of the page, {@code width} by {@code height} pixels. */
    void screenshot(Path page, Path png, int width, int height, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(workDir, workDir.resolve("screenshot.log"), List.of("--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--hide-scrollbars", page.toUri().toString()));
    }

    private void run(Path workDir, Path stdout, List<String> action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(action);
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(workDir.resolve("chromium-stderr.log").toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within " + TIMEOUT.toSeconds() + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(workDir.resolve("chromium-stderr.log")));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
