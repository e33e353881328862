package dev.massager.analytics.cohort;

import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.inZone;
import static dev.massager.analytics.support.Records.newDevice;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.offline;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.support.Records;
import dev.massager.analytics.support.Tables;
import dev.massager.api.testing.ApiClient;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.privacy.UserErasure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Events in, figures out, for the cohort API. Cohort figures cover every user with nights in the range, so each test
 * scripts its users in nights of its own (a year no other test uses) and computes the expected figures from the
 * script by hand. The script, for {@code n} users from night S:
 *
 * <ul>
 *   <li>S: every user a session at 21:00, 5 min WAVE + 2 min SEQUENTIAL, intensities 1 and 2, low heat, ended by
 *       the user; user 0 a second one at 23:30, 3 min WAVE, intensity 2, low heat, timer. Cramps for users 0-2.
 *   <li>S+1: no session. Cramps for users 0-4.
 *   <li>S+2: users 0 to n-2 a session at 22:00, 25 min FULL, intensity 3, high heat, timer; the last user none.
 *       Cramps for users 0-3.
 *   <li>S+3: no session, no cramps. The last user has a session at 09:00 the morning after (night S+3 for usage,
 *       exposure for no night): 10 min SEQUENTIAL, intensity 1, heat off, ended by the battery.
 *   <li>S+4: user 0 a session at 21:00, 5 min SEQUENTIAL, intensity 1, no heat, timer, and no diary entry.
 * </ul>
 *
 * Every device reports after the range, so nights without a session count.
 */
@AnalyticsIntegrationTest
class CohortIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Records records;
    Tables tables;
    ApiClient api;

    @BeforeEach
    void setUp() {
        records = new Records(kafka);
        tables = new Tables(jdbc);
        api = new ApiClient(port);
    }

    @Test
    void shouldShowACellOfTenUsersAndSuppressOneOfNine() {
        LocalDate s = LocalDate.parse("2037-02-09");
        awaitStored(script(10, s));

        JsonNode cramps = cramps(s);
        // overall: 10 + 9 nights with sessions, 10 + 1 + 10 without, from 10 users
        assertRow(cramps.get("overall"), 10, 19, 7, 21, 5);

        JsonNode byMode = cramps.get("byMode");
        assertThat(keys(byMode)).containsExactly("SEQUENTIAL", "WAVE", "FULL");
        // FULL: the nights S+2 of users 0-8, only 9 users
        assertSuppressed(row(byMode, "FULL"));
        // WAVE has the 10 users of nights S, but FULL would then be the overall row minus WAVE: hidden with it
        assertSuppressed(row(byMode, "WAVE"));
        assertSuppressed(row(byMode, "SEQUENTIAL"));
        // the same by intensity (3: the 9 users' nights S+2; 2: the 10 users' nights S) and duration
        assertSuppressed(row(cramps.get("byIntensity"), "3"));
        assertSuppressed(row(cramps.get("byIntensity"), "2"));
        assertSuppressed(row(cramps.get("byIntensity"), "1"));
        assertSuppressed(row(cramps.get("byDuration"), ">20"));
        assertSuppressed(row(cramps.get("byDuration"), "0-10"));
        assertSuppressed(row(cramps.get("byDuration"), "10-20"));

        JsonNode usage = usage(s);
        JsonNode nightS = night(usage, s);
        assertCell(nightS.get("activeUsers"), 10, 10);
        JsonNode nightS2 = night(usage, s.plusDays(2));
        assertSuppressed(nightS2.get("activeUsers"));
        assertSuppressed(nightS2.get("activeDevices"));
        assertSuppressed(nightS2.get("sessions"));
        // WAVE used by all 10 users, FULL by 9
        assertCell(cell(usage.get("minutesByMode"), "WAVE"), (10 * 300 + 180) / 60.0, 10);
        assertSuppressed(cell(usage.get("minutesByMode"), "FULL"));
    }

    @Test
    void shouldCountTheSessionsOfANightInZonesFarFromUtc() {
        LocalDate s = LocalDate.parse("2035-03-12");
        ZoneId east = ZoneId.of("Pacific/Kiritimati"); // UTC+14
        ZoneId west = ZoneId.of("Pacific/Pago_Pago"); // UTC-11
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // night S from its first minutes in the east (S-1 in UTC) to its last in the west (S+1 in UTC) ...
            users.add(sessionIn(east, s.atTime(12, 5)));
            users.add(sessionIn(west, s.plusDays(1).atTime(11, 55)));
            // ... and the nights either side of it
            users.add(sessionIn(east, s.atTime(11, 55)));
            users.add(sessionIn(west, s.plusDays(1).atTime(12, 5)));
        }
        await().atMost(WAIT)
                .until(() -> count("select count(*) from sessions where user_id = any(?)", users.toArray(String[]::new))
                        == users.size());

        JsonNode usage = analyst("/api/v1/cohort/usage?from=" + s + "&to=" + s);

        assertThat(usage.get("nights").size()).isEqualTo(1);
        assertCell(night(usage, s).get("activeUsers"), 20, 20);
        assertCell(night(usage, s).get("sessions"), 20, 20);
    }

    @Test
    void shouldTurnTheScriptedEventsIntoTheCohortFigures() {
        LocalDate s = LocalDate.parse("2034-05-08");
        awaitStored(script(10, s));

        JsonNode cramps = cramps(s);
        assertThat(cramps.get("from").asString()).isEqualTo(s.toString());
        assertThat(cramps.get("to").asString()).isEqualTo(s.plusDays(5).toString());
        assertThat(cramps.get("minimumUsers").asInt()).isEqualTo(10);
        // with sessions: S (10 nights, cramps for 0-2) and S+2 (users 0-8, cramps for 0-3): 19 nights, 7 cramps.
        // without: S+1 (10, cramps for 0-4), S+2 of user 9 (no cramps), S+3 (10, none): 21 nights, 5 cramps.
        // S+4 of user 0 has no diary entry; user 9's morning session makes no night exposed.
        assertRow(cramps.get("overall"), 10, 19, 7, 21, 5);
        assertThat(cramps.get("overall").get("key").asString()).isEqualTo("all");
        assertThat(cramps.get("definitions").get("suppression").asString()).contains("10");

        JsonNode usage = usage(s);
        assertThat(usage.get("minimumUsers").asInt()).isEqualTo(10);
        List<String> nights = new ArrayList<>();
        usage.get("nights").forEach(night -> nights.add(night.get("night").asString()));
        // S+1 had no session; the morning session of S+4 09:00 belongs to night S+3
        assertThat(nights)
                .containsExactly(
                        s.toString(),
                        s.plusDays(2).toString(),
                        s.plusDays(3).toString(),
                        s.plusDays(4).toString());
        JsonNode nightS = night(usage, s);
        assertCell(nightS.get("activeUsers"), 10, 10);
        assertCell(nightS.get("activeDevices"), 10, 10);
        assertCell(nightS.get("sessions"), 11, 10);
        for (int day : new int[] {2, 3, 4}) {
            assertSuppressed(night(usage, s.plusDays(day)).get("sessions"));
        }

        JsonNode minutes = usage.get("minutesByMode");
        assertThat(keys(minutes)).containsExactly("SEQUENTIAL", "WAVE", "FULL");
        // 10 × 2 min on S, 10 min in the morning, 5 min on S+4
        assertCell(cell(minutes, "SEQUENTIAL"), 10 * 2 + 10 + 5, 10);
        // 10 × 5 min on S, and user 0's 3 min
        assertCell(cell(minutes, "WAVE"), 10 * 5 + 3, 10);
        assertSuppressed(cell(minutes, "FULL"));

        JsonNode intensity = usage.get("intensity");
        assertThat(keys(intensity)).containsExactly("1", "2", "3");
        // level 1: the 10 sessions of S, the morning one and S+4; level 2: the 10 of S and user 0's second
        assertCell(cell(intensity, "1"), 12, 10);
        assertCell(cell(intensity, "2"), 11, 10);
        assertSuppressed(cell(intensity, "3"));

        JsonNode heat = usage.get("heat");
        assertThat(keys(heat)).containsExactly("OFF", "LOW", "HIGH");
        assertSuppressed(cell(heat, "OFF"));
        assertCell(cell(heat, "LOW"), 11, 10);
        assertSuppressed(cell(heat, "HIGH"));

        // ended by the user: the 10 first sessions of S; by the battery: the morning one
        assertCell(usage.get("endedEarly"), 11, 10);
        assertThat(usage.get("faultsByFirmware").size()).isZero();
        // online devices count every device in the database, other tests' too: only its shape is certain
        JsonNode online = usage.get("onlineDevices");
        assertThat(online.get("suppressed").asBoolean())
                .isEqualTo(online.get("value").isNull());
    }

    @Test
    void shouldNoLongerCountAUserWhoAskedToBeForgotten() {
        LocalDate s = LocalDate.parse("2035-09-10");
        Scripted scripted = script(11, s);
        awaitStored(scripted);
        List<String> users = scripted.users();

        // 11 users: with sessions S (11, cramps 0-2) and S+2 (users 0-9, cramps 0-3); without S+1 (11, cramps 0-4),
        // S+2 of user 10 and S+3 (11, none)
        JsonNode before = cramps(s);
        assertRow(before.get("overall"), 11, 21, 7, 23, 5);
        assertRow(row(before.get("byMode"), "FULL"), 11, 10, 4, 23, 5);
        JsonNode usageBefore = usage(s);
        assertThat(usageBefore.get("nights").size()).isEqualTo(4);
        assertCell(night(usageBefore, s.plusDays(2)).get("activeUsers"), 10, 10);
        assertCell(cell(usageBefore.get("minutesByMode"), "FULL"), 10 * 25, 10);

        String erased = users.get(0);
        assertThat(tables.rowsNaming(erased)).isPositive();
        records.send(new UserErasure(UUID.randomUUID(), erased, Instant.parse("2035-10-01T00:00:00Z")));
        await().atMost(WAIT).until(() -> tables.rowsNaming(erased) == 0);

        // user 0 had S (cramps) and S+2 (cramps) with sessions, S+1 (cramps) and S+3 (none) without
        JsonNode after = cramps(s);
        assertRow(after.get("overall"), 10, 21 - 2, 7 - 2, 23 - 2, 5 - 1);
        assertSuppressed(row(after.get("byMode"), "FULL"));
        // FULL alone hidden would be the overall row minus WAVE: WAVE is hidden with it (SEQUENTIAL has no night)
        assertSuppressed(row(after.get("byMode"), "WAVE"));

        JsonNode usage = usage(s);
        // user 0 had two sessions on S
        assertCell(night(usage, s).get("activeUsers"), 10, 10);
        assertCell(night(usage, s).get("sessions"), 12 - 2, 10);
        assertSuppressed(night(usage, s.plusDays(2)).get("activeUsers"));
        assertSuppressed(cell(usage.get("minutesByMode"), "FULL"));
        // S+4 held only user 0's session
        assertThat(usage.get("nights").size()).isEqualTo(3);
        assertCell(cell(usage.get("minutesByMode"), "WAVE"), 10 * 5, 10);
        assertCell(cell(usage.get("minutesByMode"), "SEQUENTIAL"), 10 * 2 + 10, 10);
        assertThat(tables.rowsNaming(erased)).isZero();
        assertThat(tables.rowsNaming(users.get(1))).as("another user's rows").isPositive();
    }

    @Test
    void shouldServeTheCohortOnlyToAnalysts() {
        String path = "/api/v1/cohort/usage?from=2036-01-01&to=2036-01-31";

        api.user(newUser()).get(path).problem(403);
        api.anonymous().get(path).problem(401);
        JsonNode usage = api.as(newUser(), "analyst").get(path).expect(200).json();
        assertThat(usage.get("nights").size()).isZero();
        api.user(newUser())
                .get("/api/v1/cohort/cramps?from=2036-01-01&to=2036-01-31")
                .problem(403);
        api.as(newUser(), "analyst")
                .get("/api/v1/cohort/cramps?from=2036-01-01&to=2036-01-31")
                .expect(200);
    }

    @Test
    void shouldRefuseABadRange() {
        assertThat(api.as(newUser(), "analyst")
                        .get("/api/v1/cohort/usage?from=2036-02-10&to=2036-02-01")
                        .badRequestFields())
                .containsExactly("from");
        assertThat(api.as(newUser(), "analyst")
                        .get("/api/v1/cohort/cramps?from=2036-01-01&to=2037-01-02")
                        .badRequestFields())
                .containsExactly("to");
    }

    /** Sends a ten-minute session of a new user and device started at {@code localStart} in {@code zone}. */
    private String sessionIn(ZoneId zone, LocalDateTime localStart) {
        String user = newUser();
        records.send(inZone(
                session(
                        user,
                        newDevice(),
                        localStart.atZone(zone).toInstant(),
                        EndReason.TIMER,
                        Map.of(Mode.WAVE, 600L),
                        Set.of(2),
                        Set.of(Heat.OFF)),
                zone));
        return user;
    }

    /** Sends the script of the class comment for {@code n} users from night {@code s}. */
    private Scripted script(int n, LocalDate s) {
        List<String> users = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String user = newUser();
            String device = newDevice();
            users.add(user);
            devices.add(device);
            records.send(session(
                    user,
                    device,
                    berlin(s, "21:00"),
                    EndReason.USER,
                    Map.of(Mode.WAVE, 300L, Mode.SEQUENTIAL, 120L),
                    Set.of(1, 2),
                    Set.of(Heat.LOW)));
            if (i == 0) {
                records.send(session(
                        user,
                        device,
                        berlin(s, "23:30"),
                        EndReason.TIMER,
                        Map.of(Mode.WAVE, 180L),
                        Set.of(2),
                        Set.of(Heat.LOW)));
            }
            records.send(entry(user, s, i < 3 ? 2 : 0, berlin(s.plusDays(1), "08:00")));
            records.send(entry(user, s.plusDays(1), i < 5 ? 1 : 0, berlin(s.plusDays(2), "08:00")));
            if (i < n - 1) {
                records.send(session(
                        user,
                        device,
                        berlin(s.plusDays(2), "22:00"),
                        EndReason.TIMER,
                        Map.of(Mode.FULL, 1500L),
                        Set.of(3),
                        Set.of(Heat.HIGH)));
            }
            records.send(entry(user, s.plusDays(2), i < 4 ? 3 : 0, berlin(s.plusDays(3), "08:00")));
            records.send(entry(user, s.plusDays(3), 0, berlin(s.plusDays(4), "08:00")));
            if (i == n - 1) {
                records.send(session(
                        user,
                        device,
                        berlin(s.plusDays(4), "09:00"),
                        EndReason.BATTERY,
                        Map.of(Mode.SEQUENTIAL, 600L),
                        Set.of(1),
                        Set.of(Heat.OFF)));
            }
            if (i == 0) {
                records.send(session(
                        user,
                        device,
                        berlin(s.plusDays(4), "21:00"),
                        EndReason.TIMER,
                        Map.of(Mode.SEQUENTIAL, 300L),
                        Set.of(1),
                        Set.of()));
            }
            records.sendDevice(device, offline(berlin(s.plusDays(9), "19:00")), berlin(s.plusDays(9), "19:00"));
        }
        // a session on S each, user 0's second one and the one on S+4, n - 1 on S+2, the morning one
        int sessions = n + 2 + (n - 1) + 1;
        return new Scripted(users, devices, sessions, 4 * n);
    }

    /** What {@link #script} sent: the users and their devices, in order, and how many sessions and entries. */
    private record Scripted(List<String> users, List<String> devices, int sessions, int entries) {}

    /** Waits until every record of {@code scripted} is stored, nights included (they change in the same transaction). */
    private void awaitStored(Scripted scripted) {
        String[] users = scripted.users().toArray(String[]::new);
        String[] devices = scripted.devices().toArray(String[]::new);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("select count(*) from sessions where user_id = any(?)", users))
                    .isEqualTo(scripted.sessions());
            assertThat(count("select count(*) from cramp_nights where user_id = any(?)", users))
                    .isEqualTo(scripted.entries());
            assertThat(count("select count(*) from device_statuses where device_id = any(?)", devices))
                    .isEqualTo(devices.length);
        });
    }

    private long count(String sql, String[] ids) {
        return jdbc.sql(sql).param(ids).query(Long.class).single();
    }

    private JsonNode cramps(LocalDate s) {
        return analyst("/api/v1/cohort/cramps?from=" + s + "&to=" + s.plusDays(5));
    }

    private JsonNode usage(LocalDate s) {
        return analyst("/api/v1/cohort/usage?from=" + s + "&to=" + s.plusDays(5));
    }

    private JsonNode analyst(String path) {
        return api.as(newUser(), "analyst").get(path).expect(200).json();
    }

    private static List<String> keys(JsonNode items) {
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.get("key").asString()));
        return keys;
    }

    private static JsonNode row(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (row.get("key").asString().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no " + key + " in " + rows);
    }

    private static JsonNode cell(JsonNode cells, String key) {
        return row(cells, key);
    }

    private static JsonNode night(JsonNode usage, LocalDate night) {
        for (JsonNode item : usage.get("nights")) {
            if (item.get("night").asString().equals(night.toString())) {
                return item;
            }
        }
        throw new AssertionError("no night " + night + " in " + usage.get("nights"));
    }

    /** A row shown, with its exact counts; rates and relative risk by hand. */
    private static void assertRow(
            JsonNode row, int users, int nights, int crampNights, int nightsWithout, int crampsWithout) {
        assertThat(row.get("suppressed").asBoolean())
                .as("suppressed in %s", row)
                .isFalse();
        assertThat(row.get("users").asInt()).as("users in %s", row).isEqualTo(users);
        assertArm(row.get("withSessions"), nights, crampNights);
        assertArm(row.get("withoutSessions"), nightsWithout, crampsWithout);
        double rate = (double) crampNights / nights;
        double rateWithout = (double) crampsWithout / nightsWithout;
        assertThat(row.get("relativeRisk").get("estimate").asDouble()).isCloseTo(rate / rateWithout, within(1e-9));
        assertThat(row.get("relativeRisk").get("lower").asDouble()).isLessThan(rate / rateWithout);
        assertThat(row.get("relativeRisk").get("upper").asDouble()).isGreaterThan(rate / rateWithout);
        assertThat(row.get("pValue").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
    }

    private static void assertArm(JsonNode arm, int nights, int crampNights) {
        assertThat(arm.get("nights").asInt()).as("nights of %s", arm).isEqualTo(nights);
        assertThat(arm.get("crampNights").asInt()).as("cramp nights of %s", arm).isEqualTo(crampNights);
        assertThat(arm.get("rate").asDouble()).isCloseTo((double) crampNights / nights, within(1e-12));
    }

    private static void assertCell(JsonNode cell, double value, int users) {
        assertThat(cell.get("suppressed").asBoolean())
                .as("suppressed in %s", cell)
                .isFalse();
        assertThat(cell.get("value").asDouble()).as("value of %s", cell).isCloseTo(value, within(1e-9));
        assertThat(cell.get("users").asInt()).as("users of %s", cell).isEqualTo(users);
    }

    /** Suppressed, carrying no figure at all: only its key (where it has one) and the flag. */
    private static void assertSuppressed(JsonNode item) {
        assertThat(item.get("suppressed").asBoolean())
                .as("suppressed in %s", item)
                .isTrue();
        List<String> numbers = new ArrayList<>();
        item.properties().forEach(field -> {
            if (!field.getValue().isNull()
                    && !field.getKey().equals("key")
                    && !field.getKey().equals("suppressed")) {
                numbers.add(field.getKey());
            }
        });
        assertThat(numbers).as("figures in suppressed %s", item).isEmpty();
    }
}
