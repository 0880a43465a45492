package io.fleetsim.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one device group did, for the per-group breakdown of {@code summary.json}: counted from
 * the devices themselves when the run ends (before de-registration).
 *
 * @param group                group name
 * @param transport            udp, dtls, tcp or tls
 * @param planned              devices in the group
 * @param started              devices that began registering
 * @param registered           devices registered at least once
 * @param registeredAtEnd      devices registered when the run ended
 * @param registrationFailures failed registration attempts of the group's devices
 * @param reconnects           times a device's path broke and it became reachable again
 * @param observedMillis       device-time observed (from each device's first registration), ms
 * @param reachableMillis      of which reachable, ms (see {@code reachability.exact})
 * @param registrationGaveUp   times a device of the group gave up registering (as {@code registration.gaveUp})
 */
public record GroupFigures(String group, String transport, long planned, long started, long registered,
        long registeredAtEnd, long registrationFailures, long reconnects, long observedMillis,
        long reachableMillis, long registrationGaveUp) {

    /** Figures without give-ups (a run without {@code registrationRetry: lwm2m} never gives up). */
    public GroupFigures(String group, String transport, long planned, long started, long registered,
            long registeredAtEnd, long registrationFailures, long reconnects, long observedMillis,
            long reachableMillis) {
        this(group, transport, planned, started, registered, registeredAtEnd, registrationFailures, reconnects,
                observedMillis, reachableMillis, 0);
    }

    /** A group as planned, before any device ran. */
    public static GroupFigures planned(String group, String transport, long planned) {
        return new GroupFigures(group, transport, planned, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The sum of two tallies of the same group (from two shards). */
    public GroupFigures plus(GroupFigures other) {
        return new GroupFigures(group, transport, planned, started + other.started,
                registered + other.registered, registeredAtEnd + other.registeredAtEnd,
                registrationFailures + other.registrationFailures, reconnects + other.reconnects,
                observedMillis + other.observedMillis, reachableMillis + other.reachableMillis,
                registrationGaveUp + other.registrationGaveUp);
    }

    /** Adds up the tallies of every shard per group, keeping the order of {@code planned}. */
    public static List<GroupFigures> merge(List<GroupFigures> planned, List<List<GroupFigures>> shardTallies) {
        Map<String, GroupFigures> byGroup = new LinkedHashMap<>();
        for (GroupFigures group : planned) {
            byGroup.put(group.group(), group);
        }
        for (List<GroupFigures> tally : shardTallies) {
            for (GroupFigures figures : tally) {
                byGroup.computeIfPresent(figures.group(), (name, sum) -> sum.plus(figures));
            }
        }
        return List.copyOf(byGroup.values());
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", group);
        out.put("transport", transport);
        out.put("planned", planned);
        out.put("started", started);
        out.put("registered", registered);
        out.put("registeredAtEnd", registeredAtEnd);
        out.put("registrationFailures", registrationFailures);
        out.put("reconnects", reconnects);
        out.put("registrationGaveUp", registrationGaveUp);
        out.put("reachability", observedMillis == 0 ? null
                : Math.round((double) reachableMillis / observedMillis * 100_000.0) / 100_000.0);
        return out;
    }
}
