package io.fleetsim.reports;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The Pebble templates of the HTML pages, loaded from the class path with auto-escaping on, so
 * text from a results directory cannot inject markup, and strict variables, so a misspelt
 * variable fails instead of rendering empty.
 */
final class Templates {

    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(new ClasspathLoader(Templates.class.getClassLoader()))
            .autoEscaping(true)
            .strictVariables(true)
            .build();

    private Templates() {
    }

    /** The compiled template at a class path location, e.g. {@code io/fleetsim/reports/report.peb}. */
    static PebbleTemplate compile(String classpathName) {
        return ENGINE.getTemplate(classpathName);
    }

    /** The page a template makes of {@code context}. */
    static String render(PebbleTemplate template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
