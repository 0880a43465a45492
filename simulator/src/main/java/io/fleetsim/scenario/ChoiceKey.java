package io.fleetsim.scenario;

import java.util.ArrayList;
import java.util.List;

/** A key holding one word out of a fixed list; some words may be known but not supported yet. */
public final class ChoiceKey extends ScenarioKey<String> {

    private final List<String> supported;
    private final List<String> planned;

    ChoiceKey(Section section, String name, List<String> supported, List<String> planned,
              KeyDefault<String> byDefault, String doc) {
        super(section, name, "", byDefault, doc);
        this.supported = List.copyOf(supported);
        this.planned = List.copyOf(planned);
    }

    /** Words the file may use. */
    public List<String> supported() {
        return supported;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String rangeText() {
        String text = String.join(", ", supported.stream().map(s -> "`" + s + "`").toList());
        return planned.isEmpty() ? text : text + " (planned: " + String.join(", ", planned) + ")";
    }

    @Override
    String read(ValueSite site) {
        String value = ScalarValues.text(site, "one of " + String.join(", ", supported));
        if (supported.contains(value)) {
            return value;
        }
        String allowed = String.join(", ", supported);
        if (planned.contains(value)) {
            throw site.fail("'" + value + "' is not supported yet (supported: " + allowed + ")");
        }
        List<String> known = new ArrayList<>(supported);
        known.addAll(planned);
        String suggestion = DidYouMean.suggestion(value, known);
        String hint = suggestion.isEmpty() ? "" : suggestion + " ";
        throw site.fail("unknown value '" + value + "' (" + hint + "supported: " + allowed + ")");
    }
}
