package io.fleetsim.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@code summary.json}, refusing format versions other than {@value #SUPPORTED_FORMAT}. */
final class SummaryFile {

    static final int SUPPORTED_FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SummaryFile() {
    }

    static RunSummary read(Path file) {
        JsonNode tree = parse(file);
        JsonNode format = tree.path("format");
        if (!format.isInt()) {
            throw new ResultsFormatException(file + ": no \"format\" version number; is this a fleetsim summary?");
        }
        if (format.intValue() != SUPPORTED_FORMAT) {
            throw new ResultsFormatException(file + ": results format version " + format.intValue()
                    + " is not supported; this fleetsim reads version " + SUPPORTED_FORMAT);
        }
        try {
            return JSON.treeToValue(tree, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(file + ": unexpected content: " + e.getOriginalMessage(), e);
        }
    }

    /** The summary as a JSON tree, for figures read by JSON pointer; an empty object when there is no file. */
    static JsonNode tree(Path file) {
        return Files.isRegularFile(file) ? parse(file) : JSON.createObjectNode();
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode tree = JSON.readTree(Files.readAllBytes(file));
            if (tree == null || !tree.isObject()) {
                throw new ResultsFormatException(file + ": not a JSON object (empty or truncated file?)");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        } catch (IOException e) {
            throw new ResultsFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
