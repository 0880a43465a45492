package io.fleetsim.tune;

import java.io.IOException;
import java.nio.file.Path;

/** Writes what a sweep leaves in its directory: {@code tune.csv}, {@code tune.json}, {@code tune.html}. */
public final class TuneOutputs {

    private TuneOutputs() {
    }

    /** Writes the three files into the report's directory. */
    public static void write(TuneReport report) throws IOException {
        TuneCsv.write(report, report.dir().resolve("tune.csv"));
        TuneJson.write(report, report.dir().resolve("tune.json"));
        TunePage.write(report, report.dir().resolve("tune.html"));
    }

    /** The recommendation table as text lines. */
    public static java.util.List<String> table(TuneReport report) {
        return RecommendationTable.lines(report);
    }
}
