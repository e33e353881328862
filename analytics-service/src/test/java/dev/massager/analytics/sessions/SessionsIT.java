package dev.massager.analytics.sessions;

import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.support.Records;
import dev.massager.analytics.support.Tables;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

@AnalyticsIntegrationTest
class SessionsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    Records records;
    Tables tables;
    String user;

    @BeforeEach
    void setUp() {
        records = new Records(kafka);
        tables = new Tables(jdbc);
        user = newUser();
    }

    @Nested
    class Revisions {

        @Test
        void shouldKeepTheHighestRevisionWhenALowerOneArrivesLater() {
            UUID id = UUID.randomUUID();
            records.send(session(id, 2, user, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> tables.revision(id) == 2);

            records.send(session(id, 1, user, berlin("2026-01-12T22:00")));
            // a marker behind it in the same partition (same key): once it is stored, revision 1 was processed
            UUID marker = UUID.randomUUID();
            records.send(session(marker, 1, user, berlin("2026-01-14T22:00")));
            await().atMost(WAIT).until(() -> tables.revision(marker) == 1);

            assertThat(tables.revision(id)).isEqualTo(2);
            assertThat(nightsOf(user)).containsOnlyKeys(LocalDate.parse("2026-01-10"), LocalDate.parse("2026-01-14"));
        }

        @Test
        void shouldStoreTheSessionsColumns() {
            UUID id = UUID.randomUUID();
            records.send(session(id, 1, user, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> tables.revision(id) == 1);

            Map<String, Object> row = jdbc.sql(
                            "select status, duration_seconds, seconds_by_mode::text as modes, array_to_string(intensities,"
                                    + " ',') as intensities, array_to_string(heats, ',') as heats, end_reason, firmware,"
                                    + " time_zone, exposure_night from sessions where session_id = ?")
                    .param(id)
                    .query()
                    .singleRow();
            assertThat(row)
                    .containsEntry("status", "ENDED")
                    .containsEntry("duration_seconds", 1200L)
                    .containsEntry("intensities", "2,3")
                    .containsEntry("heats", "LOW")
                    .containsEntry("end_reason", "TIMER")
                    .containsEntry("firmware", "2.3.1")
                    .containsEntry("time_zone", "Europe/Berlin")
                    .containsEntry("exposure_night", java.sql.Date.valueOf("2026-01-10"));
            assertThat((String) row.get("modes")).contains("\"WAVE\": 900").contains("\"FULL\": 300");
        }
    }

    @Nested
    class Nights {

        @Test
        void shouldCountASessionAtElevenInTheEveningForThatNight() {
            UUID id = UUID.randomUUID();
            records.send(session(id, 1, user, berlin("2026-01-10T23:00")));

            await().atMost(WAIT).until(() -> !tables.nights(user).isEmpty());
            Map<String, Object> night = tables.nights(user).get(0);
            assertThat(night)
                    .containsEntry("night", java.sql.Date.valueOf("2026-01-10"))
                    .containsEntry("exposed", true)
                    .containsEntry("session_count", 1)
                    .containsEntry("session_seconds", 1200L)
                    .containsEntry("wave_seconds", 900L)
                    .containsEntry("full_seconds", 300L)
                    .containsEntry("sequential_seconds", 0L)
                    .containsEntry("max_intensity", 3)
                    .containsEntry("heat_used", true)
                    .containsEntry("time_zone", "Europe/Berlin")
                    .containsEntry("diary", null)
                    .containsEntry("cramps", null);
        }

        @Test
        void shouldCountAMorningSessionForNoNight() {
            UUID morning = UUID.randomUUID();
            records.send(session(morning, 1, user, berlin("2026-01-11T09:00")));
            UUID marker = UUID.randomUUID();
            records.send(session(marker, 1, user, berlin("2026-01-20T21:00")));
            await().atMost(WAIT).until(() -> tables.revision(marker) == 1);

            assertThat(tables.revision(morning)).isEqualTo(1);
            assertThat(nightsOf(user)).containsOnlyKeys(LocalDate.parse("2026-01-20"));
        }

        @Test
        void shouldCombineTheDiaryEntryWithTheSessionsOfTheNight() {
            LocalDate night = LocalDate.parse("2026-01-10");
            records.send(session(UUID.randomUUID(), 1, user, berlin("2026-01-10T22:00")));
            records.send(session(UUID.randomUUID(), 1, user, berlin("2026-01-11T01:30")));
            records.send(entry(user, night, 2, berlin("2026-01-11T08:00")));
            records.send(entry(user, night.plusDays(1), 0, berlin("2026-01-12T08:00")));

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(nightsOf(user))
                            .containsOnlyKeys(night, night.plusDays(1))
                            .hasEntrySatisfying(
                                    night,
                                    row -> assertThat(row)
                                            .containsEntry("diary", "CRAMPS")
                                            .containsEntry("cramps", 2)
                                            .containsEntry("session_count", 2)
                                            .containsEntry("session_seconds", 2400L))
                            .hasEntrySatisfying(
                                    night.plusDays(1),
                                    row -> assertThat(row)
                                            .containsEntry("diary", "NONE")
                                            .containsEntry("cramps", 0)
                                            .containsEntry("exposed", false)
                                            .containsEntry("session_count", 0)
                                            .containsEntry("max_intensity", null)));
        }

        @Test
        void shouldMoveTheSessionToAnotherNightWhenANewRevisionSaysItStartedThen() {
            UUID id = UUID.randomUUID();
            records.send(session(id, 1, user, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> nightsOf(user).containsKey(LocalDate.parse("2026-01-10")));

            records.send(session(id, 2, user, berlin("2026-01-12T20:00")));

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(nightsOf(user)).containsOnlyKeys(LocalDate.parse("2026-01-12")));
        }

        @Test
        void shouldKeepTheNightOfADiaryEntryWhenItsOnlySessionMovesAway() {
            UUID id = UUID.randomUUID();
            LocalDate night = LocalDate.parse("2026-01-10");
            records.send(entry(user, night, 1, berlin("2026-01-11T08:00")));
            records.send(session(id, 1, user, berlin("2026-01-10T23:00")));
            await().atMost(WAIT)
                    .until(() -> Boolean.TRUE.equals(
                            nightsOf(user).getOrDefault(night, Map.of()).get("exposed")));

            // the session, amended, started in the morning after all
            records.send(session(id, 2, user, berlin("2026-01-11T07:00")));

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(nightsOf(user))
                            .containsOnlyKeys(night)
                            .hasEntrySatisfying(
                                    night,
                                    row -> assertThat(row)
                                            .containsEntry("exposed", false)
                                            .containsEntry("session_count", 0)
                                            .containsEntry("diary", "CRAMPS")));
        }
    }

    @Nested
    class Devices {

        @Test
        void shouldRememberTheDeviceThatRanAUsersSession() {
            UUID id = UUID.randomUUID();
            records.send(session(id, 1, user, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> tables.revision(id) == 1);

            assertThat(tables.devices(user)).containsExactly("m-analytics");
        }

        @Test
        void shouldForgetTheDeviceOfAUserWhoseOnlySessionWentToSomeoneElse() {
            String other = newUser();
            UUID id = UUID.randomUUID();
            records.send(session(id, 1, user, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> tables.revision(id) == 1);

            records.send(session(id, 2, other, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> tables.revision(id) == 2);

            assertThat(tables.devices(user)).isEmpty();
            assertThat(tables.devices(other)).containsExactly("m-analytics");
        }

        @Test
        void shouldKeepTheDeviceOfAUserWhoLostOneSessionButNotTheOther() {
            String other = newUser();
            UUID moved = UUID.randomUUID();
            UUID kept = UUID.randomUUID();
            records.send(session(kept, 1, user, berlin("2026-01-09T23:00")));
            records.send(session(moved, 1, user, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> tables.revision(moved) == 1 && tables.revision(kept) == 1);

            records.send(session(moved, 2, other, berlin("2026-01-10T23:00")));
            await().atMost(WAIT).until(() -> tables.revision(moved) == 2);

            assertThat(tables.devices(user)).containsExactly("m-analytics");
        }
    }

    private Map<LocalDate, Map<String, Object>> nightsOf(String userId) {
        List<Map<String, Object>> rows = tables.nights(userId);
        var byNight = new java.util.LinkedHashMap<LocalDate, Map<String, Object>>();
        rows.forEach(row -> byNight.put(((java.sql.Date) row.get("night")).toLocalDate(), row));
        return byNight;
    }
}
