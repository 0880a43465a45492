package io.fleetsim.scenario;

import org.snakeyaml.engine.v2.nodes.Node;

/** A key whose value is a map of further keys or a list; its readers take the node apart. */
public final class StructureKey extends ScenarioKey<Node> {

    private final String typeName;

    StructureKey(Section section, String name, String typeName, KeyDefault<Node> byDefault, String doc) {
        super(section, name, "", byDefault, doc);
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public String rangeText() {
        return "";
    }

    @Override
    Node read(ValueSite site) {
        return site.node();
    }
}
