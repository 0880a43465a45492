package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fleetsim.device.DeviceIdentity;

class FleetPlanTest {

    /** Devices active just after simulated {@code atMillis} by the plan. */
    private static Set<Integer> activeAt(FleetPlan plan, long atMillis) {
        Set<Integer> active = new HashSet<>();
        for (FleetPlan.Step step : plan.steps()) {
            if (step.atMillis() > atMillis) {
                break;
            }
            if (step.action() == FleetPlan.Action.START) {
                assertThat(active.add(step.device())).as("started while active: %s", step).isTrue();
            } else {
                assertThat(active.remove(step.device())).as("stopped while not active: %s", step).isTrue();
            }
        }
        return active;
    }

    private static FleetPlan stages(String profile, String stopOrder) {
        return FleetPlan.of(Scenarios.parse("""
                name: stages
                durationSeconds: 600
                fleet:
                  count: 100
                  endpointPrefix: st-
                arrival:
                  profile: %s
                  stopOrder: %s
                  stages:
                    - {durationSeconds: 60, devices: 100}
                    - {durationSeconds: 60, devices: 100}
                    - {durationSeconds: 30, devices: 40}
                    - {durationSeconds: 60, devices: 70}
                """.formatted(profile, stopOrder)));
    }

    @Test
    void stagesReachEachTargetAtTheStageEndAndRampLinearly() {
        for (String profile : List.of("constant", "poisson")) {
            FleetPlan plan = stages(profile, "newest");
            assertThat(activeAt(plan, 60_000)).as(profile).hasSize(100);
            assertThat(activeAt(plan, 120_000)).as(profile).hasSize(100);
            assertThat(activeAt(plan, 150_000)).as(profile).hasSize(40);
            assertThat(activeAt(plan, 210_000)).as(profile).hasSize(70);
            assertThat(activeAt(plan, 600_000)).as(profile).hasSize(70);
        }
        FleetPlan constant = stages("constant", "newest");
        assertThat(activeAt(constant, 30_000)).hasSize(50);
        assertThat(activeAt(constant, 29_999)).hasSize(49);
        assertThat(activeAt(constant, 135_000)).hasSize(70);
    }

    @Test
    void goingDownStopsTheNewestFirstAndGoingUpRestartsThoseStoppedLongestAgo() {
        FleetPlan plan = stages("constant", "newest");
        assertThat(activeAt(plan, 150_000)).containsExactlyInAnyOrderElementsOf(range(0, 40));
        // 30 come back: the first 30 stopped were the newest, 99 down to 70
        assertThat(activeAt(plan, 210_000)).containsExactlyInAnyOrderElementsOf(
                concat(range(0, 40), range(70, 100)));
        assertThat(plan.devices()).hasSize(100);
    }

    @Test
    void randomStopOrderStopsOthersThanTheNewestAndRepeats() {
        Set<Integer> random = activeAt(stages("constant", "random"), 150_000);
        assertThat(random).hasSize(40).isNotEqualTo(new HashSet<>(range(0, 40)));
        assertThat(activeAt(stages("constant", "random"), 150_000)).isEqualTo(random);
    }

    @Test
    void churnKeepsTheFleetSizeWhileNewEndpointsArrive() {
        FleetPlan plan = FleetPlan.of(Scenarios.parse("""
                name: churn
                durationSeconds: 600
                fleet:
                  count: 50
                  endpointPrefix: ch-
                arrival:
                  rate: 10
                events:
                  - {atSeconds: 60, churn: {perMinute: 30, forSeconds: 120}}
                """));
        assertThat(plan.devices()).hasSize(110);
        assertThat(plan.devices().get(50).endpoint()).isEqualTo("ch-000050");
        Set<Integer> before = activeAt(plan, 59_999);
        Set<Integer> after = activeAt(plan, 600_000);
        assertThat(before).hasSize(50);
        assertThat(after).hasSize(50);
        assertThat(after.stream().filter(d -> d >= 50)).as("new endpoints among the active").isNotEmpty();
        assertThat(plan.steps().stream().filter(s -> s.action() == FleetPlan.Action.STOP)).hasSize(60);
        assertThat(plan.devices().stream().map(DeviceIdentity::endpoint).distinct()).hasSize(110);
        long churnStarts = plan.steps().stream().filter(s -> s.atMillis() >= 60_000).count();
        assertThat(churnStarts).isEqualTo(2 * 60);
    }

    @Test
    void aGroupWithItsOwnArrivalFollowsItAlone() {
        FleetPlan plan = FleetPlan.of(Scenarios.parse("""
                name: own
                durationSeconds: 600
                arrival:
                  rate: 1000
                groups:
                  - count: 10
                    endpointPrefix: a-
                  - count: 20
                    endpointPrefix: b-
                    arrival:
                      stages:
                        - {durationSeconds: 100, devices: 20}
                """));
        long[] offsets = plan.startOffsetsMillis();
        for (int i = 0; i < plan.devices().size(); i++) {
            if (plan.devices().get(i).group().endpointPrefix().equals("a-")) {
                assertThat(offsets[i]).isLessThan(10);
            } else {
                assertThat(offsets[i]).isEqualTo((i - 9) * 5_000L);
            }
        }
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
