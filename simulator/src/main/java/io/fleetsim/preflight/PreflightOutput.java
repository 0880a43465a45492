package io.fleetsim.preflight;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The preflight reports as a table for the terminal or as JSON for scripts (docs/preflight.md). */
public final class PreflightOutput {

    private static final int NAME_WIDTH = 15;

    private PreflightOutput() {
    }

    /** One block per target, one line per check; failures and warnings say what they mean and what to do. */
    public static void table(List<TargetReport> reports, PrintWriter out) {
        for (TargetReport report : reports) {
            PreflightTarget target = report.target();
            out.printf("%s  (%s port %d)%n", target.uri(), target.scheme().stream() ? "tcp" : "udp", target.port());
            for (Check check : report.checks()) {
                out.printf("  %-4s  %-" + NAME_WIDTH + "s %s%n", check.status(), check.name(), check.figure());
                if (check.meaning() != null) {
                    out.printf("        %-" + NAME_WIDTH + "s means: %s%n", "", check.meaning());
                }
                if (check.action() != null) {
                    out.printf("        %-" + NAME_WIDTH + "s do:    %s%n", "", check.action());
                }
            }
            out.println();
        }
        long failed = reports.stream().filter(r -> !r.passed()).count();
        out.printf("%d target(s): %d passed, %d failed%n", reports.size(), reports.size() - failed, failed);
        out.flush();
    }

    /** The reports as JSON (shape in docs/preflight.md). */
    public static String json(List<TargetReport> reports) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", reports.stream().allMatch(TargetReport::passed));
        root.put("targets", reports.stream().map(PreflightOutput::target).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the preflight JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> target(TargetReport report) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("uri", report.target().uri());
        target.put("scheme", report.target().scheme().text());
        target.put("host", report.target().host());
        target.put("port", report.target().port());
        target.put("passed", report.passed());
        target.put("checks", report.checks().stream().map(PreflightOutput::check).toList());
        return target;
    }

    private static Map<String, Object> check(Check check) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", check.name());
        out.put("status", check.status().name());
        out.put("figure", check.figure());
        if (check.millis() != null) {
            out.put("millis", Math.round(check.millis() * 1000) / 1000.0);
        }
        if (check.meaning() != null) {
            out.put("meaning", check.meaning());
        }
        if (check.action() != null) {
            out.put("action", check.action());
        }
        return out;
    }
}
