package io.fleetsim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.scenario.Arrival;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.RunEvent;
import io.fleetsim.scenario.Scenario;

/**
 * The devices of a run and when each one starts and stops, in simulated milliseconds from the
 * run start. Groups that follow the scenario's arrival share it and are interleaved in proportion
 * to their size, so every group is spread over the whole ramp; a group with an arrival of its own
 * follows it alone. Stages that go down stop devices (newest first, or at random); a stage that
 * goes up starts devices never started first, then those stopped longest ago. Churn stops random
 * active devices and starts new endpoints of their groups at the same moments.
 *
 * @param devices every device of the run, churn's new endpoints after the planned ones
 * @param steps   starts and stops in time order
 */
public record FleetPlan(List<DeviceIdentity> devices, List<Step> steps) {

    /** A device starts (registers) or stops (de-registers). */
    public enum Action { START, STOP }

    /** At {@code atMillis}, {@code device} (an index into {@link #devices}) starts or stops. */
    public record Step(long atMillis, int device, Action action) {
    }

    public FleetPlan {
        devices = List.copyOf(devices);
        steps = List.copyOf(steps);
    }

    /** The first start of each device, in device order ({@code -1} for one that never starts). */
    public long[] startOffsetsMillis() {
        long[] offsets = new long[devices.size()];
        java.util.Arrays.fill(offsets, -1);
        for (Step step : steps) {
            if (step.action() == Action.START && offsets[step.device()] < 0) {
                offsets[step.device()] = step.atMillis();
            }
        }
        return offsets;
    }

    /**
     * The steps of the devices this process holds, dealt round {@code shards} shards as the devices
     * are: {@code placeOf} gives a plan index's place in this process's device list (-1 for a
     * device held elsewhere), and place k goes to shard k % shards as its device k / shards.
     */
    public List<List<Step>> stepsByShard(int shards, java.util.function.IntUnaryOperator placeOf) {
        List<List<Step>> byShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            byShard.add(new ArrayList<>());
        }
        for (Step step : shards == 0 ? List.<Step>of() : steps) {
            int k = placeOf.applyAsInt(step.device());
            if (k >= 0) {
                byShard.get(k % shards).add(new Step(step.atMillis(), k / shards, step.action()));
            }
        }
        return byShard;
    }

    public static FleetPlan of(Scenario scenario) {
        List<DeviceIdentity> devices = new ArrayList<>(scenario.deviceCount());
        List<Pool> pools = new ArrayList<>();
        List<DeviceGroup> shared = scenario.groups().stream().filter(g -> g.arrival() == null).toList();
        if (!shared.isEmpty()) {
            pools.add(new Pool(scenario.arrival(), interleave(shared, devices)));
        }
        for (DeviceGroup group : scenario.groups()) {
            if (group.arrival() != null) {
                pools.add(new Pool(group.arrival(), interleave(List.of(group), devices)));
            }
        }
        List<Intent> intents = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            Pool pool = pools.get(p);
            if (pool.arrival.staged()) {
                for (StageSchedule.Change change : StageSchedule.changes(pool.arrival)) {
                    intents.add(new Intent(change.atMillis(), p, change.start() ? Action.START : Action.STOP));
                }
            } else {
                for (long at : ArrivalSchedule.offsetsMillis(pool.arrival, pool.members.size())) {
                    intents.add(new Intent(at, p, Action.START));
                }
            }
        }
        for (RunEvent event : scenario.events()) {
            if (event instanceof RunEvent.Churn churn) {
                long swaps = Math.round(churn.perMinute() * churn.forSeconds() / 60.0);
                double gapMillis = 60_000.0 / churn.perMinute();
                for (long i = 0; i < swaps; i++) {
                    intents.add(new Intent((long) Math.floor(churn.atSeconds() * 1000 + i * gapMillis), -1, null));
                }
            }
        }
        intents.sort(Comparator.comparingLong(Intent::atMillis));
        List<Step> steps = new ArrayList<>(intents.size());
        SplittableRandom random = new SplittableRandom(scenario.arrival().seed() * 7919 + 11);
        int[] churned = new int[scenario.groups().size()];
        for (Intent intent : intents) {
            if (intent.pool < 0) {
                churn(intent.atMillis, pools, devices, steps, random, scenario.groups(), churned);
                continue;
            }
            Pool pool = pools.get(intent.pool);
            if (intent.action == Action.START) {
                Integer device = pool.next();
                if (device != null) {
                    pool.active.add(device);
                    steps.add(new Step(intent.atMillis, device, Action.START));
                }
            } else if (!pool.active.isEmpty()) {
                int index = pool.arrival.stopOrder() == Arrival.StopOrder.NEWEST ? pool.active.size() - 1
                        : random.nextInt(pool.active.size());
                int device = pool.active.remove(index);
                pool.stopped.add(device);
                steps.add(new Step(intent.atMillis, device, Action.STOP));
            }
        }
        return new FleetPlan(devices, steps);
    }

    /** One churn swap: a random active device leaves and a new endpoint of its group arrives. */
    private static void churn(long atMillis, List<Pool> pools, List<DeviceIdentity> devices, List<Step> steps,
            SplittableRandom random, List<DeviceGroup> groups, int[] churned) {
        int active = pools.stream().mapToInt(p -> p.active.size()).sum();
        if (active == 0) {
            return;
        }
        int pick = random.nextInt(active);
        for (Pool pool : pools) {
            if (pick >= pool.active.size()) {
                pick -= pool.active.size();
                continue;
            }
            int leaving = pool.active.remove(pick);
            steps.add(new Step(atMillis, leaving, Action.STOP));
            DeviceGroup group = devices.get(leaving).group();
            int g = groups.indexOf(group);
            int arriving = devices.size();
            devices.add(new DeviceIdentity(endpointName(group, group.count() + churned[g]), arriving, group));
            churned[g]++;
            pool.active.add(arriving);
            steps.add(new Step(atMillis, arriving, Action.START));
            return;
        }
    }

    /** Adds the devices of {@code groups}, interleaved in proportion to their size; returns their indexes. */
    private static List<Integer> interleave(List<DeviceGroup> groups, List<DeviceIdentity> devices) {
        int[] next = new int[groups.size()];
        int total = groups.stream().mapToInt(DeviceGroup::count).sum();
        List<Integer> members = new ArrayList<>(total);
        for (int placed = 0; placed < total; placed++) {
            int pick = -1;
            double best = Double.MAX_VALUE;
            for (int g = 0; g < groups.size(); g++) {
                if (next[g] < groups.get(g).count()) {
                    double position = (next[g] + 0.5) / groups.get(g).count();
                    if (position < best) {
                        best = position;
                        pick = g;
                    }
                }
            }
            DeviceGroup group = groups.get(pick);
            int index = devices.size();
            devices.add(new DeviceIdentity(endpointName(group, next[pick]), index, group, next[pick]));
            members.add(index);
            next[pick]++;
        }
        return members;
    }

    /** Endpoint name: the group prefix and the index in the group, zero-padded to six digits or more. */
    static String endpointName(DeviceGroup group, int index) {
        int width = Math.max(6, String.valueOf(group.count() - 1).length());
        return group.endpointPrefix() + String.format("%0" + width + "d", index);
    }

    /** A start or stop of some device of a pool ({@code pool} -1: a churn swap), before the device is chosen. */
    private record Intent(long atMillis, int pool, Action action) {
    }

    /** Devices that share one arrival, and which of them are active. */
    private static final class Pool {
        final Arrival arrival;
        final List<Integer> members;
        final List<Integer> active = new ArrayList<>();
        final Deque<Integer> stopped = new ArrayDeque<>();
        int neverStarted;

        Pool(Arrival arrival, List<Integer> members) {
            this.arrival = arrival;
            this.members = members;
        }

        /** The next device to start: one never started, else the one stopped longest ago; null when none. */
        Integer next() {
            if (neverStarted < members.size()) {
                return members.get(neverStarted++);
            }
            return stopped.pollFirst();
        }
    }
}
