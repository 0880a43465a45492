package io.fleetsim.scenario;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads {@code thresholds:}, a list of expressions, each remembering its line. */
final class ThresholdListReader {

    private ThresholdListReader() {
    }

    static List<Threshold> read(MappingReader top) {
        return read(top, List.of());
    }

    /** The thresholds, per-group ones ({@code groups.<name>.<metric>}) naming groups of {@code groupNames}. */
    static List<Threshold> read(MappingReader top, List<String> groupNames) {
        return top.site(ScenarioKeys.THRESHOLDS).map(site -> read(site, groupNames)).orElse(List.of());
    }

    private static List<Threshold> read(ValueSite site, List<String> groupNames) {
        if (!(site.node() instanceof SequenceNode list)) {
            throw site.fail("expected a list of strings such as '- registration.p99 < 500ms', got "
                    + ScalarValues.describe(site.node()));
        }
        List<Threshold> thresholds = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            thresholds.add(readOne(ValueSite.item(site.source(), items.get(i), site.field() + "[" + i + "]"),
                    groupNames));
        }
        return thresholds;
    }

    private static Threshold readOne(ValueSite item, List<String> groupNames) {
        if (!(item.node() instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw item.fail("expected a string " + ThresholdParser.FORM + ", got "
                    + ScalarValues.describe(item.node()));
        }
        try {
            return ThresholdParser.parse(scalar.getValue(), item.line(), groupNames);
        } catch (InvalidValueException e) {
            throw item.fail(e.getMessage());
        }
    }
}
