package io.fleetsim.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes {@code tune.csv}: a header line, then one line per cell (columns in docs/tune.md). */
final class TuneCsv {

    private static final List<String> KINDS = List.of("registration", "update", "keepalive", "data", "handshake");

    private TuneCsv() {
    }

    static void write(TuneReport report, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("profile", "group", "candidate", "kind", "intervalSeconds",
                "devices", "deviceHours", "reachability", "reachabilityProbed", "goalObserved", "goalMet",
                "messagesPerDeviceDay", "bytesPerDeviceDay"));
        for (String k : KINDS) {
            header.add(k + "MessagesPerDeviceDay");
            header.add(k + "BytesPerDeviceDay");
        }
        header.addAll(List.of("reconnectsPerDeviceDay", "reconnectP99Seconds", "radioSecondsPerDeviceDay",
                "recommended", "resultsDir", "timeScale", "behindAtTimeScales", "leftOut"));
        lines.add(String.join(",", header));
        for (CellResult r : report.cells()) {
            lines.add(String.join(",", row(r, recommended(report, r))));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static boolean recommended(TuneReport report, CellResult r) {
        return report.recommendations().stream().anyMatch(rec -> rec.chosen() == r);
    }

    private static List<String> row(CellResult r, boolean recommended) {
        List<String> row = new ArrayList<>(List.of(r.cell().profile(), r.cell().group(), r.cell().candidate().label(),
                r.cell().candidate().kind().label(), Long.toString(r.cell().candidate().seconds()),
                Integer.toString(r.cell().scenario().deviceCount()), num(r.deviceHours()), num(r.reachability()),
                num(r.probedReachability()), num(r.goalObserved()), Boolean.toString(r.goalMet()),
                num(r.totalMessagesPerDay()), num(r.totalBytesPerDay())));
        for (String k : KINDS) {
            row.add(num(r.messagesPerDay().get(k)));
            row.add(num(r.bytesPerDay().get(k)));
        }
        row.addAll(List.of(num(r.reconnectsPerDay()), num(r.reconnectP99Seconds()), num(r.radioSecondsPerDay()),
                Boolean.toString(recommended), r.resultsDir(), TuneRunner.timeScale(r.timeScale()),
                String.join(";", r.behindAt().stream().map(TuneRunner::timeScale).toList()),
                Boolean.toString(r.behind())));
        return row;
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
