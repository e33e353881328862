package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.api.testing.ApiClient;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.diary.Muscle;
import dev.massager.simulator.api.CompanionApi;
import dev.massager.simulator.api.Tokens;
import dev.massager.simulator.device.DeviceBehaviour;
import dev.massager.simulator.device.DeviceMemory;
import dev.massager.simulator.device.DeviceMessage;
import dev.massager.simulator.fleet.DiaryPlan;
import dev.massager.simulator.fleet.PlannedSession;
import dev.massager.simulator.fleet.VirtualDevice;
import dev.massager.simulator.mqtt.DeviceLink;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Ten users in Berlin, each with a massager, over four nights of March 2025 (nights no other test uses): sessions on
 * the 3rd and the 5th, over MQTT; diary entries for the 3rd to the 6th through the companion API. Cramps: none on the
 * 3rd, all on the 4th and the 6th, and on the 5th users 0 to 4 only. So, across the cohort: nights with a session
 * 20, with cramps 5; without 20, with cramps 20. Each device disconnects cleanly after its sessions, so its nights
 * without a session count.
 */
class DiaryToAnalyticsIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final LocalDate FIRST = LocalDate.of(2025, 3, 3);

    private static final int USERS = 10;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static LocalStack stack;

    private static final List<String> users = new ArrayList<>();

    @BeforeAll
    static void livedFourNights() {
        stack = SharedStack.get();
        Tokens tokens = new Tokens(stack.tokens());
        CompanionApi api = new CompanionApi(stack.sessionServiceUri(), tokens);
        PayloadCodec codec = new PayloadCodec();
        DeviceBehaviour behaviour = new DeviceBehaviour(codec, Duration.ofSeconds(1));
        for (int i = 0; i < USERS; i++) {
            String user = "journey-" + RUN + "-user-" + i;
            VirtualDevice device = new VirtualDevice("journey-" + RUN + "-" + i, "PAIR-" + RUN, "2.4.0", Duration.ZERO);
            users.add(user);
            api.provision(device);
            api.setTimeZone(user, BERLIN);
            api.pair(user, device);

            DeviceMemory memory = new DeviceMemory(device);
            List<DeviceMessage> messages = new ArrayList<>();
            messages.addAll(behaviour.session(session(FIRST, Mode.WAVE), memory));
            messages.addAll(behaviour.session(session(FIRST.plusDays(2), Mode.FULL), memory));
            DeviceLink link = DeviceLink.connect(
                    stack.infrastructure().mqtt().deviceServerUri(),
                    device.id(),
                    stack.infrastructure().mqtt()::deviceSocketFactory,
                    codec.encode(new DeviceStatus(DeviceState.ONLINE, Instant.now(), device.firmware())),
                    codec.encode(new DeviceStatus(DeviceState.OFFLINE, Instant.now(), device.firmware())));
            for (DeviceMessage message : messages) {
                link.publish(message).join();
            }
            link.disconnect(codec.encode(new DeviceStatus(DeviceState.OFFLINE, Instant.now(), device.firmware())));

            api.logNight(user, FIRST, none());
            api.logNight(user, FIRST.plusDays(1), cramps());
            api.logNight(user, FIRST.plusDays(2), i < 5 ? cramps() : none());
            api.logNight(user, FIRST.plusDays(3), cramps());
        }
    }

    @Test
    void shouldShowADevicesSessionsInItsUsersHistory() {
        ApiClient.Caller user = sessions().withToken(userToken(users.get(0)));

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode page = user.get("/api/v1/me/sessions?from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z")
                    .expect(200)
                    .json();
            assertThat(page.get("items")).hasSize(2);
        });
    }

    @Test
    void shouldCountTheNightsInTheUsersInsight() {
        ApiClient.Caller user = analytics().withToken(userToken(users.get(0)));

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode insight = user.get("/api/v1/me/insights?from=2025-03-01&to=2025-03-10")
                    .expect(200)
                    .json();
            assertThat(insight.get("observedNights").asInt()).isEqualTo(4);
            assertThat(tally(insight.get("withSessions"))).containsExactly(2, 1);
            assertThat(tally(insight.get("withoutSessions"))).containsExactly(2, 2);
            assertThat(insight.get("nightsAwaitingDeviceData").asInt()).isZero();
            assertThat(insight.get("enoughData").asBoolean()).isFalse();
        });
    }

    @Test
    void shouldCountEveryUsersNightsInTheCohort() {
        ApiClient.Caller analyst = analytics().withToken(analystToken());

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode overall = analyst.get("/api/v1/cohort/cramps?from=2025-03-01&to=2025-03-10")
                    .expect(200)
                    .json()
                    .get("overall");
            assertThat(overall.get("users").asInt()).isEqualTo(USERS);
            assertThat(tally(overall.get("withSessions"))).containsExactly(20, 5);
            assertThat(tally(overall.get("withoutSessions"))).containsExactly(20, 20);
        });
        JsonNode usage = analyst.get("/api/v1/cohort/usage?from=2025-03-01&to=2025-03-10")
                .expect(200)
                .json();
        assertThat(usage.get("nights"))
                .filteredOn(night -> night.get("night").asString().equals("2025-03-03"))
                .singleElement()
                .satisfies(
                        night -> assertThat(night.get("sessions").get("value").asDouble())
                                .isEqualTo(USERS));
    }

    private static PlannedSession session(LocalDate night, Mode mode) {
        return new PlannedSession(
                "s-" + night,
                ZonedDateTime.of(night, LocalTime.of(21, 0), BERLIN).toInstant(),
                10,
                new PlannedSession.Settings(mode, 2, Heat.LOW),
                List.of(),
                Duration.ofMinutes(5),
                EndReason.USER,
                Optional.empty(),
                false);
    }

    private static DiaryPlan none() {
        return new DiaryPlan(0, 0, List.of(), false, Instant.now());
    }

    private static DiaryPlan cramps() {
        return new DiaryPlan(1, 6, List.of(Muscle.CALF_LEFT), true, Instant.now());
    }

    private static List<Integer> tally(JsonNode tally) {
        return List.of(tally.get("nights").asInt(), tally.get("crampNights").asInt());
    }

    private static String userToken(String user) {
        return stack.tokens().mint(user, List.of("user"), Duration.ofHours(1));
    }

    private static String analystToken() {
        return stack.tokens().mint("analyst-journey", List.of("analyst"), Duration.ofHours(1));
    }

    private static ApiClient sessions() {
        return new ApiClient(stack.sessionServiceUri().getPort());
    }

    private static ApiClient analytics() {
        return new ApiClient(stack.analyticsServiceUri().getPort());
    }
}
