package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The planned active devices a staged run's summary carries, for the report to draw beside the actual curve. */
class StagePlanTest {

    @Test
    void theFleetPlanIsTheStagesRampsWithAPointAtEachStageEnd() {
        StagePlan plan = StagePlan.of(Scenarios.parse("""
                name: stages
                durationSeconds: 100
                fleet:
                  count: 500
                arrival:
                  stages:
                    - {durationSeconds: 20, devices: 500}
                    - {durationSeconds: 30, devices: 500}
                    - {durationSeconds: 10, devices: 100}
                """));

        assertThat(plan.staged()).isTrue();
        assertThat(plan.points()).containsExactly(new StagePlan.Point(0, 0), new StagePlan.Point(20, 500),
                new StagePlan.Point(50, 500), new StagePlan.Point(60, 100), new StagePlan.Point(100, 100));
        assertThat(plan.devicesAt(10)).isEqualTo(250.0);
        assertThat(plan.devicesAt(55)).isEqualTo(300.0);
        assertThat(plan.devicesAt(90)).as("the last target holds").isEqualTo(100.0);
        assertThat(plan.stageEnds()).containsExactly(new StagePlan.StageEnd("1", 20, 500),
                new StagePlan.StageEnd("2", 50, 500), new StagePlan.StageEnd("3", 60, 100));
        Map<String, Object> json = plan.toJson(Map.of(0, 480L, 1, 500L));
        assertThat(json.get("plan")).isEqualTo(List.of(
                Map.of("atSeconds", 0.0, "devices", 0.0), Map.of("atSeconds", 20.0, "devices", 500.0),
                Map.of("atSeconds", 50.0, "devices", 500.0), Map.of("atSeconds", 60.0, "devices", 100.0),
                Map.of("atSeconds", 100.0, "devices", 100.0)));
        List<?> stages = (List<?>) json.get("stages");
        assertThat(stages.subList(0, 2)).isEqualTo(List.of(
                Map.of("stage", "1", "endSeconds", 20.0, "devices", 500.0, "registered", 480L),
                Map.of("stage", "2", "endSeconds", 50.0, "devices", 500.0, "registered", 500L)));
        @SuppressWarnings("unchecked")
        Map<String, Object> third = (Map<String, Object>) stages.get(2);
        assertThat(third).as("a stage end not reached").containsEntry("stage", "3").containsEntry("registered", null);
    }

    @Test
    void aGroupWithStagesOfItsOwnAddsToTheOthersRamp() {
        StagePlan plan = StagePlan.of(Scenarios.parse("""
                name: mixed
                durationSeconds: 100
                arrival:
                  rate: 10
                groups:
                  - name: meters
                    count: 100
                    endpointPrefix: meter-
                  - name: gateways
                    count: 40
                    endpointPrefix: gateway-
                    arrival:
                      stages:
                        - {durationSeconds: 5, devices: 40}
                        - {durationSeconds: 10, devices: 20}
                """));

        // meters: 0 to 100 over 10 s; gateways: 0 to 40 over 5 s, down to 20 at 15 s
        assertThat(plan.points()).containsExactly(new StagePlan.Point(0, 0), new StagePlan.Point(5, 90),
                new StagePlan.Point(10, 130), new StagePlan.Point(15, 120), new StagePlan.Point(100, 120));
        assertThat(plan.stageEnds()).containsExactly(new StagePlan.StageEnd("gateways 1", 5, 90),
                new StagePlan.StageEnd("gateways 2", 15, 120));
    }

    @Test
    void aRunWithoutStagesHasNoPlanSection() {
        StagePlan plan = StagePlan.of(Scenarios.parse("""
                name: plain
                durationSeconds: 10
                fleet:
                  count: 10
                arrival:
                  rate: 5
                """));

        assertThat(plan.staged()).isFalse();
        assertThat(plan.toJson(Map.of())).isNull();
    }
}
