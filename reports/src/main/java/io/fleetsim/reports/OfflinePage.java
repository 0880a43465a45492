package io.fleetsim.reports;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders one of the reports module's Pebble templates into a self-contained offline page, with
 * Chart.js inlined as {@code chartJs} and the chart data as script-safe JSON in {@code dataJson},
 * for pages built outside this module (the {@code fleetsim tune} page).
 */
public final class OfflinePage {

    private OfflinePage() {
    }

    /**
     * Writes the page, replacing an older one.
     *
     * @param template class path name of the template, e.g. {@code io/fleetsim/reports/tune.peb}
     * @param context  the template's variables
     * @param data     serialised into {@code dataJson} for the page's charts
     */
    public static Path write(String template, Map<String, Object> context, Object data, Path file) {
        Map<String, Object> all = new HashMap<>(context);
        all.put("dataJson", ReportContext.scriptSafeJson(data));
        all.put("chartJs", ChartJsLibrary.inlineScript());
        ReportFiles.writeReplacing(file, Templates.render(Templates.compile(template), all));
        return file;
    }
}
