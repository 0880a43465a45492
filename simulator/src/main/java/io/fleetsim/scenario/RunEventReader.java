package io.fleetsim.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the top-level {@code events}: a list of maps, each with {@code atSeconds} and exactly one
 * of {@code reconnectStorm}, {@code serverOutage} or {@code churn}.
 */
final class RunEventReader {

    private static final DecimalKey AT = new DecimalKey(Section.TOP, "atSeconds", "s", 0, false,
            ScenarioKeys.ONE_YEAR_SECONDS, KeyDefault.required(), "");
    private static final StructureKey STORM = new StructureKey(Section.TOP, "reconnectStorm", "map",
            KeyDefault.described("—"), "");
    private static final StructureKey OUTAGE = new StructureKey(Section.TOP, "serverOutage", "map",
            KeyDefault.described("—"), "");
    private static final StructureKey CHURN = new StructureKey(Section.TOP, "churn", "map",
            KeyDefault.described("—"), "");
    private static final List<StructureKey> KINDS = List.of(STORM, OUTAGE, CHURN);
    private static final List<ScenarioKey<?>> EVENT_KEYS = List.of(AT, STORM, OUTAGE, CHURN);

    private static final DecimalKey SHARE = new DecimalKey(Section.TOP, "share", "", 0, true, 1,
            KeyDefault.required(), "");
    private static final DecimalKey WITHIN = new DecimalKey(Section.TOP, "withinSeconds", "s", 0, false,
            ScenarioKeys.ONE_YEAR_SECONDS, KeyDefault.of(0.0), "");
    private static final DecimalKey OUTAGE_SECONDS = new DecimalKey(Section.TOP, "seconds", "s", 0, true,
            ScenarioKeys.ONE_YEAR_SECONDS, KeyDefault.required(), "");
    private static final DecimalKey PER_MINUTE = new DecimalKey(Section.TOP, "perMinute", "devices/min", 0, true,
            ScenarioKeys.MAX_DEVICES * 60.0, KeyDefault.required(), "");
    private static final DecimalKey FOR_SECONDS = new DecimalKey(Section.TOP, "forSeconds", "s", 0, true,
            ScenarioKeys.ONE_YEAR_SECONDS, KeyDefault.required(), "");

    private RunEventReader() {
    }

    static List<RunEvent> read(MappingReader top, String target) {
        if (!top.has(ScenarioKeys.EVENTS)) {
            return List.of();
        }
        ValueSite site = top.site(ScenarioKeys.EVENTS).orElseThrow();
        if (!(site.node() instanceof SequenceNode list)) {
            throw site.fail("expected a list of events such as [{atSeconds: 600, reconnectStorm: {share: 0.5}}], got "
                    + ScalarValues.describe(site.node()));
        }
        List<RunEvent> events = new ArrayList<>();
        List<Node> items = list.getValue();
        List<ValueSite> outages = new ArrayList<>();
        List<RunEvent.ServerOutage> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "events[" + i + "]";
            MappingReader event = MappingReader.of(site.source(), items.get(i), path,
                    ScenarioSource.lineOf(items.get(i)), EVENT_KEYS);
            RunEvent one = event(event, path, target);
            if (one instanceof RunEvent.ServerOutage outage) {
                for (int j = 0; j < read.size(); j++) {
                    RunEvent.ServerOutage other = read.get(j);
                    if (outage.atSeconds() < other.atSeconds() + other.seconds()
                            && other.atSeconds() < outage.atSeconds() + outage.seconds()) {
                        throw event.site(OUTAGE).orElseThrow().fail("overlaps the serverOutage of line "
                                + outages.get(j).line() + "; outages must not overlap");
                    }
                }
                read.add(outage);
                outages.add(event.site(OUTAGE).orElseThrow());
            }
            events.add(one);
        }
        events.sort(Comparator.comparingDouble(RunEvent::atSeconds));
        return events;
    }

    private static RunEvent event(MappingReader event, String path, String target) {
        List<StructureKey> given = KINDS.stream().filter(event::has).toList();
        if (given.size() != 1) {
            String kinds = "reconnectStorm, serverOutage or churn";
            throw event.source().error(event.lineOf(AT), path, given.isEmpty()
                    ? "says what happens with one of " + kinds + "; none is given"
                    : "gives " + given.get(0).name() + " and " + given.get(1).name() + "; one event per list item");
        }
        double at = event.read(AT);
        StructureKey kind = given.get(0);
        ValueSite site = event.site(kind).orElseThrow();
        if (kind == STORM) {
            MappingReader storm = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                    List.of(SHARE, WITHIN));
            return new RunEvent.ReconnectStorm(at, storm.read(SHARE), storm.read(WITHIN));
        }
        if (kind == OUTAGE) {
            if (target != null) {
                throw site.fail("stops and restarts the embedded server, so it cannot be used with target '"
                        + target + "'; remove the target or the event");
            }
            MappingReader outage = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                    List.of(OUTAGE_SECONDS));
            return new RunEvent.ServerOutage(at, outage.read(OUTAGE_SECONDS));
        }
        MappingReader churn = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                List.of(PER_MINUTE, FOR_SECONDS));
        return new RunEvent.Churn(at, churn.read(PER_MINUTE), churn.read(FOR_SECONDS));
    }
}
