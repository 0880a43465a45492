package io.fleetsim.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code fleetsim} in a child JVM on the test classpath, as a user starts it from a shell, so
 * that tests can send it signals and read its exit code. Output goes to files in the results'
 * parent directory; a child still alive when the test ends is killed.
 */
final class ChildFleetsim implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildFleetsim(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -cp <test classpath> io.fleetsim.cli.FleetsimCommand args...}. */
    static ChildFleetsim start(Path workDir, String... args) throws IOException {
        return start(workDir, List.of(), args);
    }

    /** As {@link #start(Path, String...)}, behind {@code prefix} (e.g. {@code bash -c 'ulimit -n 256 && exec "$@"' bash}). */
    static ChildFleetsim start(Path workDir, List<String> prefix, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.fleetsim.cli.FleetsimCommand");
        command.addAll(List.of(args));
        Path out = workDir.resolve("child.out");
        Path err = workDir.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildFleetsim(process, out, err);
    }

    Process process() {
        return process;
    }

    /** Waits until {@code file} has at least {@code lines} lines, or fails after {@code seconds}. */
    void awaitLines(Path file, int lines, long seconds) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + lines + " lines in " + file + "; child output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the exit and returns its code, or fails after {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    String output() throws IOException {
        return stdout() + stderr();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
