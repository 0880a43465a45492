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
}
