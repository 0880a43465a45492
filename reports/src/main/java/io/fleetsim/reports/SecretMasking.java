package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in scenario YAML before a report echoes it: the value of every key whose name
 * contains {@code psk}, {@code key}, {@code secret}, {@code password} or {@code token} (any case)
 * becomes {@value #MASK}, and so does everything nested under such a key (a block scalar, a
 * list, a mapping). Flow mappings on one line ({@code {psk: abc, id: x}}) are masked too. The
 * structure stays readable; only values are hidden. Works line by line, so it needs no valid YAML.
 */
public final class SecretMasking {

    /** What a masked value reads as. */
    public static final String MASK = "********";

    private static final List<String> SECRET_WORDS = List.of("psk", "key", "secret", "password", "token");
    /** indent, optional "- ", key (plain or quoted), colon, rest. */
    private static final Pattern KEY_LINE = Pattern.compile(
            "^(\\s*)(-\\s+)?(\"[^\"]*\"|'[^']*'|[^\\s:#'\"{}\\[\\],][^:#{}\\[\\],]*?)(\\s*:)(\\s+|$)(.*)$");
    private static final Pattern FLOW_PAIR = Pattern.compile(
            "([{,]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s:,{}\\[\\]]+)(\\s*:\\s*)([^,{}\\[\\]]*[^,{}\\[\\]\\s])");

    private SecretMasking() {
    }

    /** The text with secret values masked. */
    public static String mask(String yaml) {
        List<String> out = new ArrayList<>();
        int secretIndent = -1;
        for (String line : yaml.split("\n", -1)) {
            int indent = indentOf(line);
            boolean blank = line.isBlank() || line.strip().startsWith("#");
            if (secretIndent >= 0 && (blank || indent > secretIndent)) {
                out.add(blank ? line : maskNested(line, indent));
                continue;
            }
            secretIndent = -1;
            Matcher m = KEY_LINE.matcher(line);
            if (!m.matches()) {
                out.add(maskFlow(line));
                continue;
            }
            int keyIndent = m.group(1).length() + (m.group(2) == null ? 0 : m.group(2).length());
            String value = m.group(6);
            if (!isSecret(m.group(3))) {
                out.add(maskFlow(line));
                continue;
            }
            if (value.isEmpty() || value.startsWith("#") || value.startsWith("|") || value.startsWith(">")
                    || value.startsWith("&")) {
                secretIndent = keyIndent;
                out.add(line);
            } else {
                out.add(m.group(1) + nullToEmpty(m.group(2)) + m.group(3) + m.group(4) + m.group(5) + MASK);
            }
        }
        return String.join("\n", out);
    }

    /** True when a key's name contains one of the secret words, in any case. */
    static boolean isSecret(String key) {
        String name = key.replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(name::contains);
    }

    /** A line inside a secret's block: keep a nested key or list dash, hide the value. */
    private static String maskNested(String line, int indent) {
        Matcher m = KEY_LINE.matcher(line);
        if (m.matches() && !m.group(6).isEmpty()) {
            return m.group(1) + nullToEmpty(m.group(2)) + m.group(3) + m.group(4) + m.group(5) + MASK;
        }
        if (m.matches()) {
            return line;
        }
        String rest = line.substring(indent);
        return " ".repeat(indent) + (rest.startsWith("- ") ? "- " + MASK : MASK);
    }

    private static String maskFlow(String line) {
        if (line.indexOf('{') < 0) {
            return line;
        }
        Matcher m = FLOW_PAIR.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecret(m.group(2)) ? m.group(1) + m.group(2) + m.group(3) + MASK : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
