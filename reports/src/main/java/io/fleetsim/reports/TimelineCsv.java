package io.fleetsim.reports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code timeline.csv} by column name. A missing file gives an empty timeline; a malformed
 * line (such as the half-written last line a killed run leaves) is skipped with a warning.
 */
final class TimelineCsv {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineCsv.class);

    private TimelineCsv() {
    }

    static Timeline read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Timeline.empty();
        }
        List<String> lines = readLines(file);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Timeline.empty();
        }
        List<String> header = split(lines.get(0));
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            Map<String, Double> row = parseRow(header, lines.get(i));
            if (row != null) {
                rows.add(row);
            } else if (!lines.get(i).isBlank()) {
                LOG.warn("{}:{}: skipping an incomplete or malformed line", file, i + 1);
            }
        }
        return new Timeline(header, rows);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultsFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The row of a line, or null when the line has fewer fields than the header or a non-number. */
    private static Map<String, Double> parseRow(List<String> header, String line) {
        List<String> fields = split(line);
        if (line.isBlank() || fields.size() < header.size()) {
            return null;
        }
        Map<String, Double> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String field = fields.get(c);
            if (field.isEmpty()) {
                row.put(header.get(c), null);
                continue;
            }
            try {
                row.put(header.get(c), Double.valueOf(field));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return row;
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.split(",", -1)).map(String::strip).toList();
    }
}
