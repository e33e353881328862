package dev.massager.analytics.privacy;

import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.support.Records;
import dev.massager.analytics.support.Tables;
import dev.massager.common.privacy.UserErasure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

@AnalyticsIntegrationTest
class ErasureIT {

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

    @Test
    void shouldRemoveTheUserFromEveryTableAndKeepOnlyAHashOfTheId() {
        String other = newUser();
        UUID session = UUID.randomUUID();
        records.send(session(session, 1, user, berlin("2026-03-01T22:00")));
        records.send(entry(user, LocalDate.parse("2026-03-01"), 2, berlin("2026-03-02T08:00")));
        records.send(session(UUID.randomUUID(), 1, other, berlin("2026-03-01T22:00")));
        await().atMost(WAIT).until(() -> rowsNaming(user) == 3 && rowsNaming(other) == 2);

        records.send(new UserErasure(UUID.randomUUID(), user, Instant.parse("2026-03-05T00:00:00Z")));

        await().atMost(WAIT).until(() -> rowsNaming(user) == 0);
        assertThat(rowsNaming(other)).as("another user's rows").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from erased_users where user_hash = sha256(convert_to(?, 'UTF8'))")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from erased_users where encode(user_hash, 'escape') like ?")
                        .param("%" + user + "%")
                        .query(Long.class)
                        .single())
                .as("the id itself is nowhere")
                .isZero();
    }

    @Test
    void shouldDropRecordsOfTheUserDatedBeforeTheErasureThatArriveAfterIt() {
        Instant erasedAt = Instant.parse("2026-03-05T00:00:00Z");
        records.send(new UserErasure(UUID.randomUUID(), user, erasedAt));
        await().atMost(WAIT)
                .until(() ->
                        jdbc.sql("select count(*) from erased_users where user_hash = sha256(convert_to(?, 'UTF8'))")
                                        .param(user)
                                        .query(Long.class)
                                        .single()
                                == 1);

        UUID inFlight = UUID.randomUUID();
        records.send(session(inFlight, 3, user, berlin("2026-03-04T22:00")));
        records.send(entry(user, LocalDate.parse("2026-03-03"), 1, berlin("2026-03-04T08:00")));
        // the account used again after the erasure: kept
        UUID after = UUID.randomUUID();
        LocalDate afterNight = LocalDate.parse("2026-03-06");
        records.send(session(after, 1, user, berlin("2026-03-06T22:00")));
        records.send(entry(user, afterNight, 0, berlin("2026-03-07T08:00")));

        await().atMost(WAIT).until(() -> tables.revision(after) == 1 && tables.diary(user, afterNight) != null);
        assertThat(tables.revision(inFlight)).isZero();
        assertThat(tables.diary(user, LocalDate.parse("2026-03-03"))).isNull();
        assertThat(tables.nights(user))
                .extracting(row -> row.get("night").toString())
                .containsExactly("2026-03-06");
    }

    private long rowsNaming(String userId) {
        return tables.rowsNaming(userId);
    }
}
