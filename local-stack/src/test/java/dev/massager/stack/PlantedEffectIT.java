package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.api.testing.ApiClient;
import dev.massager.simulator.api.CompanionApi;
import dev.massager.simulator.api.Tokens;
import dev.massager.simulator.fleet.Fleet;
import dev.massager.simulator.fleet.FleetSpec;
import dev.massager.simulator.run.Connection;
import dev.massager.simulator.run.History;
import dev.massager.simulator.run.Progress;
import dev.massager.simulator.run.Simulation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A simulated population with a planted effect, through every service: 40 users and their massagers, 60 nights each,
 * an evening session lowering the chance of a cramp night to 0.6 times the user's own rate. The devices publish over
 * MQTT through the gateway, session-service builds the sessions and keeps the diary, analytics finds the nights.
 *
 * <p>The cohort figures must count exactly the nights the simulation logged, arm by arm, and the reported 95%
 * confidence interval of the relative risk must hold the true 0.6 and exclude 1. The seed is fixed, so the test is
 * deterministic (the nights are those of a fixed past summer, not the last 60 before the day the test runs); for a
 * random seed the interval would hold the truth 95% of the time.
 */
class PlantedEffectIT {

    private static final double TRUE_RELATIVE_RISK = 0.6;

    @Test
    void shouldRecoverThePlantedRelativeRiskAcrossTheCohort() {
        LocalStack stack = SharedStack.get();
        // Clocks all right, so each session's night is its true night; a sample every 30 s keeps the test quick and
        // changes nothing the comparison uses.
        FleetSpec spec = FleetSpec.builder(20_261_122L, 40)
                .prefix("effect")
                .relativeRisk(TRUE_RELATIVE_RISK)
                .wrongClockRate(0)
                .sampleInterval(Duration.ofSeconds(30))
                .build();
        Simulation simulation = new Simulation(
                new Fleet(spec),
                new CompanionApi(stack.sessionServiceUri(), new Tokens(stack.tokens())),
                new Connection(
                        stack.infrastructure().mqtt().deviceServerUri(),
                        stack.infrastructure().mqtt()::deviceSocketFactory),
                // The nights of a fixed past summer, so the test is the same whichever day it runs.
                Clock.fixed(Instant.parse("2026-07-31T18:00:00Z"), ZoneOffset.UTC));

        simulation.enrol();
        History.Result truth = simulation.history(60, Progress.silent("history", spec.devices()));

        ApiClient.Caller analyst = new ApiClient(stack.analyticsServiceUri().getPort())
                .withToken(stack.tokens().mint("analyst-effect", List.of("analyst"), Duration.ofHours(1)));
        String cramps = "/api/v1/cohort/cramps?from=" + truth.first() + "&to=" + truth.last();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode overall = analyst.get(cramps).expect(200).json().get("overall");
                    assertThat(overall.get("suppressed").asBoolean()).isFalse();
                    assertThat(arm(overall.get("withSessions")))
                            .containsExactly(truth.loggedWithSession(), truth.crampsWithSession());
                    assertThat(arm(overall.get("withoutSessions")))
                            .containsExactly(truth.loggedWithoutSession(), truth.crampsWithoutSession());
                });

        JsonNode overall = analyst.get(cramps).expect(200).json().get("overall");
        assertThat(overall.get("users").asInt()).isEqualTo(spec.devices());
        JsonNode relativeRisk = overall.get("relativeRisk");
        assertThat(relativeRisk.get("lower").asDouble()).isLessThan(TRUE_RELATIVE_RISK);
        assertThat(relativeRisk.get("upper").asDouble())
                .isGreaterThan(TRUE_RELATIVE_RISK)
                .isLessThan(1.0);
        assertThat(overall.get("pValue").asDouble()).isLessThan(0.05);
    }

    private static List<Long> arm(JsonNode arm) {
        return List.of(arm.get("nights").asLong(), arm.get("crampNights").asLong());
    }
}
