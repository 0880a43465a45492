package io.fleetsim.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A results directory as written by {@code fleetsim run} (see {@code docs/results-format.md}),
 * read into memory. Missing {@code histograms.hlog} or {@code timeline.csv} give empty data; a
 * missing {@code summary.json} is tolerated when the run left histograms or a timeline (a killed
 * run), and is otherwise a {@link ResultsFormatException}.
 *
 * @param path         the directory
 * @param summary      the parsed {@code summary.json}, empty when the run never wrote it
 * @param histograms   the interval histograms of {@code histograms.hlog}
 * @param timeline     the rows of {@code timeline.csv}
 * @param scenarioYaml the text of {@code scenario.yaml}, if present
 */
public record ResultsDirectory(Path path, Optional<RunSummary> summary, HistogramLog histograms,
                               Timeline timeline, Optional<String> scenarioYaml) {

    public static final String SUMMARY_FILE = "summary.json";
    public static final String HISTOGRAMS_FILE = "histograms.hlog";
    public static final String TIMELINE_FILE = "timeline.csv";
    public static final String SCENARIO_FILE = "scenario.yaml";

    /**
     * Reads a results directory.
     *
     * @throws ResultsFormatException when the directory does not exist, summary.json is unparsable
     *                                or of an unknown format version, or the directory holds no results at all
     */
    public static ResultsDirectory read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ResultsFormatException(dir + ": not a results directory (it does not exist or is not a directory)");
        }
        Path summaryFile = dir.resolve(SUMMARY_FILE);
        boolean partialResults = Files.isRegularFile(dir.resolve(HISTOGRAMS_FILE))
                || Files.isRegularFile(dir.resolve(TIMELINE_FILE));
        if (!Files.isRegularFile(summaryFile) && !partialResults) {
            throw new ResultsFormatException(summaryFile + ": not found, and there is no "
                    + HISTOGRAMS_FILE + " or " + TIMELINE_FILE + " either; is this a fleetsim results directory?");
        }
        Optional<RunSummary> summary = Files.isRegularFile(summaryFile)
                ? Optional.of(SummaryFile.read(summaryFile)) : Optional.empty();
        return new ResultsDirectory(dir, summary,
                HistogramLog.read(dir.resolve(HISTOGRAMS_FILE)),
                TimelineCsv.read(dir.resolve(TIMELINE_FILE)),
                readText(dir.resolve(SCENARIO_FILE)));
    }

    /** True when the run ended and wrote everything ({@code complete: true} in the summary). */
    public boolean complete() {
        return summary.map(RunSummary::complete).orElse(false);
    }

    private static Optional<String> readText(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ResultsFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
