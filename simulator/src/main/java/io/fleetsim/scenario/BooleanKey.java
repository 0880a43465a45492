package io.fleetsim.scenario;

/** A key holding true or false. */
public final class BooleanKey extends ScenarioKey<Boolean> {

    BooleanKey(Section section, String name, KeyDefault<Boolean> byDefault, String doc) {
        super(section, name, "", byDefault, doc);
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    public String rangeText() {
        return "true, false";
    }

    @Override
    Boolean read(ValueSite site) {
        return ScalarValues.bool(site);
    }
}
