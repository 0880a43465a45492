package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fleetsim.device.DeviceIdentity;

/** How a clustered run splits its fleet over agents. */
class AgentSliceShareTest {

    @Test
    void agentsShareEveryGroupWithoutAnEndpointTwiceOrMissing() {
        var scenario = Scenarios.parse("""
                name: shares
                durationSeconds: 10
                groups:
                  - name: meters
                    count: 40
                    endpointPrefix: meter-
                  - name: sensors
                    count: 21
                    endpointPrefix: sensor-
                    transport: tcp
                """);
        FleetPlan plan = FleetPlan.of(scenario);
        List<String> endpoints = new ArrayList<>();
        for (int agent = 0; agent < 3; agent++) {
            List<Integer> share = AgentSlice.share(plan.devices(), agent, 3);
            assertThat(share).hasSizeBetween(20, 21);
            Map<String, Integer> perGroup = new HashMap<>();
            for (int i : share) {
                DeviceIdentity device = plan.devices().get(i);
                endpoints.add(device.endpoint());
                perGroup.merge(device.group().name(), 1, Integer::sum);
            }
            assertThat(perGroup.get("meters")).as("agent %d's meters", agent).isBetween(13, 14);
            assertThat(perGroup.get("sensors")).as("agent %d's sensors", agent).isEqualTo(7);
        }
        assertThat(endpoints).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(plan.devices().stream().map(DeviceIdentity::endpoint).toList());
    }

    @Test
    void aPinnedGroupGoesToItsAgentsOnlyAndTheOthersToEveryAgent() {
        var scenario = Scenarios.parse("""
                name: pinned
                durationSeconds: 10
                groups:
                  - name: meters
                    count: 30
                    endpointPrefix: meter-
                    agents: [edge-c, edge-a]
                  - name: sensors
                    count: 9
                    endpointPrefix: sensor-
                """);
        FleetPlan plan = FleetPlan.of(scenario);
        List<String> names = List.of("edge-a", "edge-b", "edge-c");
        List<String> endpoints = new ArrayList<>();
        List<Map<String, Integer>> perAgent = new ArrayList<>();
        for (int agent = 0; agent < names.size(); agent++) {
            Map<String, Integer> perGroup = new HashMap<>();
            for (int i : AgentSlice.share(plan.devices(), agent, names)) {
                DeviceIdentity device = plan.devices().get(i);
                endpoints.add(device.endpoint());
                perGroup.merge(device.group().name(), 1, Integer::sum);
            }
            perAgent.add(perGroup);
        }
        assertThat(perAgent.get(0).get("meters")).as("edge-a's meters").isEqualTo(15);
        assertThat(perAgent.get(1)).as("edge-b runs no meter").doesNotContainKey("meters");
        assertThat(perAgent.get(2).get("meters")).as("edge-c's meters").isEqualTo(15);
        for (Map<String, Integer> perGroup : perAgent) {
            assertThat(perGroup.get("sensors")).as("every agent's sensors").isEqualTo(3);
        }
        assertThat(endpoints).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(plan.devices().stream().map(DeviceIdentity::endpoint).toList());
    }

    @Test
    void aGroupPinnedToNoAgentOfTheRunIsRefusedNamingIt() {
        var scenario = Scenarios.parse("""
                name: pinned-elsewhere
                durationSeconds: 10
                groups:
                  - name: meters
                    count: 4
                    endpointPrefix: meter-
                    agents: edge-z
                """);
        FleetPlan plan = FleetPlan.of(scenario);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> AgentSlice.share(plan.devices(), 0, List.of("edge-a", "edge-b")))
                .hasMessageContaining("group 'meters' is pinned to [edge-z], none of the run's agents [edge-a, edge-b]");
    }
}
