package io.fleetsim.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The Chart.js UMD bundle from its webjar, ready to inline in a {@code <script>} element: the
 * source-map comment is removed (it would make browsers fetch a file the report does not have)
 * and any {@code </script} is escaped so it cannot end the element.
 */
final class ChartJsLibrary {

    static final String VERSION = "4.4.1";
    private static final String RESOURCE = "/META-INF/resources/webjars/chart.js/" + VERSION + "/dist/chart.umd.js";
    private static final Pattern SOURCE_MAP = Pattern.compile("(?m)^//# sourceMappingURL=.*$");
    private static final Pattern SCRIPT_END = Pattern.compile("(?i)</script");

    private static volatile String script;

    private ChartJsLibrary() {
    }

    static String inlineScript() {
        String loaded = script;
        if (loaded == null) {
            loaded = load();
            script = loaded;
        }
        return loaded;
    }

    private static String load() {
        try (InputStream in = ChartJsLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js " + VERSION + " is not on the class path (" + RESOURCE + ")");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String withoutSourceMap = SOURCE_MAP.matcher(source).replaceAll("");
            return SCRIPT_END.matcher(withoutSourceMap).replaceAll("<\\\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Chart.js from " + RESOURCE, e);
        }
    }
}
