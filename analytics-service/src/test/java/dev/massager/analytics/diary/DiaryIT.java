package dev.massager.analytics.diary;

import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.support.Records;
import dev.massager.analytics.support.Tables;
import dev.massager.common.diary.CrampNight;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

@AnalyticsIntegrationTest
class DiaryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocalDate NIGHT = LocalDate.parse("2026-02-03");

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

    @Test
    void shouldKeepTheLatestEntryWhenAnOlderOneArrivesLater() {
        records.send(entry(user, NIGHT, 3, berlin("2026-02-04T09:00")));
        records.send(entry(user, NIGHT, 0, berlin("2026-02-04T08:00")));
        markerAndWait();

        assertThat(tables.diary(user, NIGHT)).containsEntry("cramps", 3).containsEntry("deleted", false);
        assertThat(tables.nights(user))
                .singleElement()
                .satisfies(night ->
                        assertThat(night).containsEntry("diary", "CRAMPS").containsEntry("cramps", 3));
    }

    @Test
    void shouldReplaceAnEntryWithANewerOne() {
        records.send(entry(user, NIGHT, 3, berlin("2026-02-04T08:00")));
        records.send(entry(user, NIGHT, 0, berlin("2026-02-04T09:00")));
        markerAndWait();

        assertThat(tables.diary(user, NIGHT)).containsEntry("cramps", 0);
        assertThat(tables.nights(user))
                .singleElement()
                .satisfies(night -> assertThat(night).containsEntry("diary", "NONE"));
    }

    @Test
    void shouldNotResurrectADeletedEntryWhenAnOlderOneArrivesAfterTheDeletion() {
        records.send(entry(user, NIGHT, 2, berlin("2026-02-04T08:00")));
        records.send(CrampNight.deletion(UUID.randomUUID(), user, NIGHT, Records.BERLIN, berlin("2026-02-04T10:00")));
        // the first entry once more, as a replay would send it
        records.send(entry(user, NIGHT, 2, berlin("2026-02-04T08:00")));
        markerAndWait();

        assertThat(tables.diary(user, NIGHT)).containsEntry("deleted", true);
        assertThat(tables.nights(user)).isEmpty();
    }

    @Test
    void shouldMakeANightUnknownAgainButKeepItsSessionsWhenTheEntryIsDeleted() {
        records.send(session(UUID.randomUUID(), 1, user, berlin("2026-02-03T22:00")));
        records.send(entry(user, NIGHT, 1, berlin("2026-02-04T08:00")));
        await().atMost(WAIT)
                .until(() -> tables.nights(user).size() == 1
                        && "CRAMPS".equals(tables.nights(user).get(0).get("diary")));

        records.send(CrampNight.deletion(UUID.randomUUID(), user, NIGHT, Records.BERLIN, berlin("2026-02-04T10:00")));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tables.nights(user))
                        .singleElement()
                        .satisfies(night -> assertThat(night)
                                .containsEntry("diary", null)
                                .containsEntry("cramps", null)
                                .containsEntry("exposed", true)));
    }

    /** An entry for a later night behind the others in the same partition; returns once it is stored. */
    private void markerAndWait() {
        LocalDate later = NIGHT.plusDays(30);
        records.send(entry(user, later, 0, berlin("2026-03-06T08:00")));
        await().atMost(WAIT).until(() -> tables.diary(user, later) != null);
        jdbc.sql("delete from cramp_nights where user_id = ? and night = ?")
                .params(user, later)
                .update();
        jdbc.sql("delete from nights where user_id = ? and night = ?")
                .params(user, later)
                .update();
    }
}
