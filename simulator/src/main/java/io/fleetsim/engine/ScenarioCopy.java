package io.fleetsim.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Copies the scenario file into the results directory with secrets ({@code pskKeySeed}) hidden. */
final class ScenarioCopy {

    private static final Pattern SECRET = Pattern.compile("(?m)^(\\s*(?:-\\s*)?pskKeySeed\\s*:).*$");

    private ScenarioCopy() {
    }

    static void write(Path scenario, Path copy) throws IOException {
        String text = Files.readString(scenario, StandardCharsets.UTF_8);
        Files.writeString(copy, redact(text), StandardCharsets.UTF_8);
    }

    static String redact(String yaml) {
        return SECRET.matcher(yaml).replaceAll("$1 \"<hidden>\"");
    }
}
