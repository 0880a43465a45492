package io.fleetsim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV file of pre-shared keys, one {@code identity,hexkey} per line; blank lines and
 * lines starting with {@code #} are skipped. A problem is reported as {@code file:line: field: problem},
 * never with the key itself.
 */
final class PskKeysFile {

    private PskKeysFile() {
    }

    static Map<String, byte[]> read(Path file) {
        ScenarioSource source = new ScenarioSource(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw source.error(1, "", "cannot read: " + e.getMessage());
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma <= 0) {
                throw source.error(i + 1, "identity", "expected 'identity,hexkey'");
            }
            String identity = line.substring(0, comma).strip();
            byte[] key = hexKey(source, i + 1, line.substring(comma + 1).strip());
            if (keys.put(identity, key) != null) {
                throw source.error(i + 1, "identity", "'" + identity + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw source.error(1, "", "holds no keys");
        }
        return keys;
    }

    private static byte[] hexKey(ScenarioSource source, int line, String text) {
        try {
            byte[] key = HexFormat.of().parseHex(text);
            if (key.length == 0) {
                throw new IllegalArgumentException();
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw source.error(line, "hexkey", "not an even number of hexadecimal digits");
        }
    }

}
