package io.fleetsim.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads plain values out of YAML scalar nodes (YAML 1.2 core schema) and names what a node is
 * when it is not what was expected.
 */
final class ScalarValues {

    private ScalarValues() {
    }

    /** What the node holds, for "expected X, got Y" messages. */
    static String describe(Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            return switch (node.getNodeType()) {
                case SEQUENCE -> "a list";
                case MAPPING -> "a map";
                default -> "something else";
            };
        }
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            return "no value";
        } else if (tag.equals(Tag.INT)) {
            return "the integer " + value;
        } else if (tag.equals(Tag.FLOAT)) {
            return "the number " + value;
        } else if (tag.equals(Tag.BOOL)) {
            return "the boolean " + value;
        }
        return "the string '" + value + "'";
    }

    /** A number of seconds read from a scenario, as a duration to the millisecond. */
    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The text of a scalar; any scalar but a null one reads as text. */
    static String text(ValueSite site, String expected) {
        if (site.node() instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        throw site.fail("expected " + expected + ", got " + describe(site.node()));
    }

    /** An integer or decimal number, exactly as written; infinities and NaN are refused. */
    static BigDecimal number(ValueSite site, String expected) {
        if (site.node() instanceof ScalarNode scalar) {
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.INT)) {
                return integer(scalar.getValue());
            }
            if (tag.equals(Tag.FLOAT)) {
                return decimal(site, scalar.getValue());
            }
        }
        throw site.fail("expected " + expected + ", got " + describe(site.node()));
    }

    /** true or false. */
    static boolean bool(ValueSite site) {
        if (site.node() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        throw site.fail("expected true or false, got " + describe(site.node()));
    }

    private static BigDecimal integer(String text) {
        if (text.startsWith("0x")) {
            return new BigDecimal(new BigInteger(text.substring(2), 16));
        }
        if (text.startsWith("0o")) {
            return new BigDecimal(new BigInteger(text.substring(2), 8));
        }
        return new BigDecimal(text);
    }

    private static BigDecimal decimal(ValueSite site, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("inf") || lower.contains("nan")) {
            throw site.fail("must be a finite number, got " + text);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw site.fail("is out of range, got " + text);
        }
    }
}
