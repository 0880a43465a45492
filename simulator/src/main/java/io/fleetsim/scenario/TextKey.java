package io.fleetsim.scenario;

import java.util.function.UnaryOperator;

/**
 * A key holding text, checked (and possibly normalised) by a rule that throws
 * {@link InvalidValueException} with the problem.
 */
public final class TextKey extends ScenarioKey<String> {

    private final String rangeText;
    private final UnaryOperator<String> rule;

    TextKey(Section section, String name, String rangeText, UnaryOperator<String> rule,
            KeyDefault<String> byDefault, String doc) {
        super(section, name, "", byDefault, doc);
        this.rangeText = rangeText;
        this.rule = rule;
    }

    /** Text made only of the characters of {@code [A-Za-z0-9._-]}, at least one. */
    static String safeName(String value) {
        if (!value.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidValueException("must use only letters, digits, '.', '_' and '-', got '" + value + "'");
        }
        return value;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String rangeText() {
        return rangeText;
    }

    @Override
    String read(ValueSite site) {
        String text = ScalarValues.text(site, "a string");
        try {
            return check(text);
        } catch (InvalidValueException e) {
            throw site.fail(e.getMessage());
        }
    }

    /** Checks a value given in code (a command line flag); returns it normalised. */
    String check(String value) {
        return rule.apply(value);
    }
}
