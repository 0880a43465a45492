package io.fleetsim.scenario;

/**
 * The definition of one key a scenario file may hold: where it lives, its type, unit, default,
 * allowed range and meaning. {@link ScenarioKeys} holds the table of all of them; the loader
 * reads values through them and the documentation lists them.
 *
 * @param <T> the Java type of the value
 */
public abstract sealed class ScenarioKey<T>
        permits IntegerKey, DecimalKey, BooleanKey, TextKey, ChoiceKey, StructureKey {

    private final Section section;
    private final String name;
    private final String unit;
    private final KeyDefault<T> byDefault;
    private final String doc;

    ScenarioKey(Section section, String name, String unit, KeyDefault<T> byDefault, String doc) {
        this.section = section;
        this.name = name;
        this.unit = unit;
        this.byDefault = byDefault;
        this.doc = doc;
    }

    /** The section the key belongs to. */
    public Section section() {
        return section;
    }

    /** The key as written in the file, e.g. {@code count}. */
    public String name() {
        return name;
    }

    /** Dotted path, e.g. {@code fleet.count}. */
    public String path() {
        return section.path(name);
    }

    /** Unit of the value ("" when it has none). */
    public String unit() {
        return unit;
    }

    /** Default value and how it reads. */
    public KeyDefault<T> byDefault() {
        return byDefault;
    }

    /** One sentence on what the key means. */
    public String doc() {
        return doc;
    }

    /** The value type as documentation names it, e.g. {@code integer}. */
    public abstract String typeName();

    /** The allowed values as documentation names them, e.g. {@code 1 .. 1000000}. */
    public abstract String rangeText();

    /** Reads and checks the value at {@code site}; throws a {@link ScenarioException} naming it. */
    abstract T read(ValueSite site);

    /** The row of this key in the tables of {@code docs/scenarios.md}. */
    public String markdownRow() {
        return "| `" + name + "` | " + typeName() + " | " + orDash(unit) + " | " + byDefault.text()
                + " | " + orDash(rangeText()) + " | " + doc + " |";
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "—" : text;
    }

    @Override
    public String toString() {
        return path();
    }
}
