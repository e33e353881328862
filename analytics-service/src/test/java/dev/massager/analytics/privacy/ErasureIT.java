package dev.massager.analytics.privacy;

import static dev.massager.analytics.support.Records.BERLIN;
import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.support.Records;
import dev.massager.analytics.support.Tables;
import dev.massager.analytics.support.TimedRecords;
import dev.massager.common.privacy.UserErasure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    TimedRecords timed;
    Tables tables;
    String user;

    @BeforeEach
    void setUp() {
        records = new Records(kafka);
        timed = new TimedRecords(kafka);
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
        await().atMost(WAIT).until(() -> rowsNaming(user) == 4 && rowsNaming(other) == 3);
        assertThat(columnsHolding(user))
                .as("the search finds the id where it is")
                .contains("cramp_nights.user_id", "nights.user_id", "sessions.user_id", "user_devices.user_id");

        Instant erasedAt = Instant.parse("2026-03-05T00:00:00Z");
        records.send(new UserErasure(UUID.randomUUID(), user, erasedAt));

        await().atMost(WAIT).until(() -> rowsNaming(user) == 0);
        assertThat(rowsNaming(other)).as("another user's rows").isEqualTo(3);
        assertThat(jdbc.sql("select user_hash, erased_at from erased_users where user_hash = ?")
                        .param(sha256(user))
                        .query((row, rowNumber) -> Map.entry(
                                row.getBytes("user_hash"),
                                row.getTimestamp("erased_at").toInstant()))
                        .list())
                .as("the row kept for the user: the SHA-256 of the id, and the erasure time")
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.getKey()).isEqualTo(sha256(user));
                    assertThat(row.getValue()).isEqualTo(erasedAt);
                });
        assertThat(columnsHolding(user)).as("columns holding the id itself").isEmpty();
    }

    @Test
    void shouldDropRecordsOfTheUserSentBeforeTheErasureWhateverTheDeviceClockSays() {
        // in the past, so that records sent before and after it carry timestamps the broker accepts
        Instant erasedAt = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant sentBefore = erasedAt.minus(Duration.ofMinutes(1));
        Instant sentAfter = erasedAt.plus(Duration.ofMinutes(1));
        records.send(new UserErasure(UUID.randomUUID(), user, erasedAt));
        await().atMost(WAIT).until(() -> erasedRows(user) == 1);

        // sent before the erasure, consumed after it: dropped, even with the device's clock ahead of the erasure
        UUID inFlight = UUID.randomUUID();
        UUID inFlightClockAhead = UUID.randomUUID();
        LocalDate inFlightNight = LocalDate.parse("2026-03-03");
        LocalDate clockAheadNight = erasedAt.atZone(BERLIN).toLocalDate().plusDays(30);
        timed.send(session(inFlight, 3, user, berlin("2026-03-04T22:00")), sentBefore);
        timed.send(session(inFlightClockAhead, 1, user, berlin(clockAheadNight, "22:00")), sentBefore);
        timed.send(entry(user, inFlightNight, 1, berlin("2026-03-04T08:00")), sentBefore);
        timed.send(entry(user, clockAheadNight, 1, berlin(clockAheadNight.plusDays(1), "08:00")), sentBefore);
        // sent after the erasure: the account used again, kept, even with the device's clock behind the erasure
        UUID after = UUID.randomUUID();
        LocalDate afterNight = LocalDate.parse("2026-03-06");
        timed.send(session(after, 1, user, berlin("2026-03-06T22:00")), sentAfter);
        timed.send(entry(user, afterNight, 0, berlin("2026-03-07T08:00")), sentAfter);

        // each topic's records are keyed by user, so the dropped ones were consumed before the kept ones
        await().atMost(WAIT).until(() -> tables.revision(after) == 1 && tables.diary(user, afterNight) != null);
        assertThat(tables.revision(inFlight)).isZero();
        assertThat(tables.revision(inFlightClockAhead)).isZero();
        assertThat(tables.diary(user, inFlightNight)).isNull();
        assertThat(tables.diary(user, clockAheadNight)).isNull();
        assertThat(tables.nights(user))
                .extracting(row -> row.get("night").toString())
                .containsExactly("2026-03-06");
    }

    private long erasedRows(String userId) {
        return jdbc.sql("select count(*) from erased_users where user_hash = sha256(convert_to(?, 'UTF8'))")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /**
     * Every column of every table in the schema, read as text, that holds {@code text} somewhere: text columns and
     * arrays, and all others as well, so that a column added later is covered too.
     */
    private List<String> columnsHolding(String text) {
        List<Map<String, Object>> columns = jdbc.sql("""
                        select table_name, column_name from information_schema.columns
                        where table_schema = 'public'
                        order by table_name, column_name
                        """).query().listOfRows();
        if (columns.stream().noneMatch(column -> "cramp_nights".equals(column.get("table_name")))) {
            throw new IllegalStateException("the service's tables not found, only " + columns);
        }
        List<String> holding = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            long rows = jdbc.sql("select count(*) from \"" + table + "\" where strpos(\"" + name + "\"::text, ?) > 0")
                    .param(text)
                    .query(Long.class)
                    .single();
            if (rows > 0) {
                holding.add(table + "." + name);
            }
        }
        return holding;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rowsNaming(String userId) {
        return tables.rowsNaming(userId);
    }
}
