package dev.massager.session.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.api.testing.ApiClient;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.session.SessionServiceIntegrationTest;
import dev.massager.session.sessions.SessionRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SessionServiceIntegrationTest
class PrivacyIT {

    private static final PayloadCodec CODEC = new PayloadCodec();

    /** The key of the outbox relay's advisory lock, as in {@code OutboxRelay}. */
    private static final long RELAY_LOCK = 0x6d617373_6f757462L;

    private static final String OUTBOX = "outbox_messages.message_key";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    ApiClient api;
    String userId;
    String deviceId;
    UUID sessionId;
    LocalDate night;

    /** A user with something in every table: a zone change, a pairing, a session and a diary entry. */
    @BeforeEach
    void userWithData() {
        api = new ApiClient(port);
        userId = ApiClient.newUserId();
        deviceId = "m-" + UUID.randomUUID();
        night = LocalDate.now(ZoneId.of("UTC")).minusDays(2);
        var me = api.user(userId);
        me.put("/api/v1/me", "{\"timeZone\":\"UTC\"}").expect(200);
        me.put("/api/v1/me", "{\"timeZone\":\"Europe/Lisbon\"}").expect(200);
        api.admin()
                .post("/api/v1/admin/devices", "{\"deviceId\":\"" + deviceId + "\",\"pairingCode\":\"secret-code\"}")
                .expect(201);
        me.post("/api/v1/me/devices", "{\"deviceId\":\"" + deviceId + "\",\"pairingCode\":\"secret-code\"}")
                .expect(201);
        sessionId = SessionRows.insert(jdbc, userId, Instant.parse("2026-02-01T21:00:00Z"));
        me.put(
                        "/api/v1/me/cramp-nights/" + night,
                        "{\"cramps\":1,\"severity\":4,\"muscles\":[\"FOOT_LEFT\"],\"wokeUp\":false}")
                .expect(201);
    }

    @Nested
    class Export {

        @Test
        void shouldHoldAllOfTheUsersData() {
            var response = api.user(userId).get("/api/v1/me/export").expect(200);

            assertThat(response.header("Content-Disposition")).startsWith("attachment");
            JsonNode export = response.json();
            assertThat(export.get("profile").get("userId").asString()).isEqualTo(userId);
            assertThat(export.get("profile").get("timeZone").asString()).isEqualTo("Europe/Lisbon");
            assertThat(export.get("timeZones")
                            .valueStream()
                            .map(z -> z.get("zone").asString()))
                    .containsExactly("UTC", "Europe/Lisbon");
            assertThat(export.get("pairings")).hasSize(1);
            assertThat(export.get("pairings").get(0).get("deviceId").asString()).isEqualTo(deviceId);
            assertThat(export.get("sessions")).hasSize(1);
            assertThat(export.get("sessions").get(0).get("sessionId").asString())
                    .isEqualTo(sessionId.toString());
            assertThat(export.get("crampNights")).hasSize(1);
            assertThat(export.get("crampNights").get(0).get("night").asString()).isEqualTo(night.toString());
        }

        @Test
        void shouldHoldNothingOfAnotherUser() {
            JsonNode export = api.user(ApiClient.newUserId())
                    .get("/api/v1/me/export")
                    .expect(200)
                    .json();

            assertThat(export.get("pairings")).isEmpty();
            assertThat(export.get("sessions")).isEmpty();
            assertThat(export.get("crampNights")).isEmpty();
        }
    }

    @Nested
    class Erasure {

        @Test
        void shouldRemoveTheUserFromEveryTableAndPublishTheErasure() throws Exception {
            try (var published = new TopicReader(
                    environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                    KafkaTopics.USER_ERASURES,
                    userId::equals)) {
                try (var held = holdTheOutboxRelay()) {
                    api.user(userId)
                            .put(
                                    "/api/v1/me/cramp-nights/" + night.minusDays(1),
                                    "{\"cramps\":2,\"severity\":6,\"muscles\":[\"CALF_LEFT\"],\"wokeUp\":true,"
                                            + "\"note\":\"after the long walk\"}")
                            .expect(201);
                    assertThat(rowsNamingTheUser())
                            .as("before, with a diary entry queued and not yet sent")
                            .allSatisfy(
                                    (table, rows) -> assertThat(rows).as(table).isPositive());

                    api.user(userId).delete("/api/v1/me").expect(204);

                    assertThat(rowsNamingTheUser())
                            .as("after, before the relay ran")
                            .allSatisfy((table, rows) ->
                                    assertThat(rows).as(table).isEqualTo(table.equals(OUTBOX) ? 1 : 0));
                    assertThat(jdbc.sql("select topic from outbox_messages where message_key = ?")
                                    .param(userId)
                                    .query(String.class)
                                    .list())
                            .as("only the erasure is left to send")
                            .containsExactly(KafkaTopics.USER_ERASURES);
                }

                List<UserErasure> erasures = await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> published.poll().stream()
                                        .map(record -> CODEC.decode(record.value(), UserErasure.class))
                                        .toList(),
                                list -> !list.isEmpty());
                assertThat(erasures).singleElement().satisfies(erasure -> {
                    assertThat(erasure.userId()).isEqualTo(userId);
                    assertThat(erasure.requestedAt()).isBefore(Instant.now().plusSeconds(1));
                });
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(rowsNamingTheUser())
                                .as("after the relay sent the erasure")
                                .allSatisfy((table, rows) ->
                                        assertThat(rows).as(table).isZero()));
            }
            assertThat(jdbc.sql("select count(*) from devices where device_id = ?")
                            .param(deviceId)
                            .query(Long.class)
                            .single())
                    .as("the device stays provisioned")
                    .isOne();
        }
    }

    /**
     * Keeps the outbox relay from sending until closed, by holding the advisory lock it takes for each batch
     * ({@code OutboxRelay.RELAY_LOCK}) from a connection of its own: what the erasure does to records still queued
     * can only be seen while they are queued.
     */
    private AutoCloseable holdTheOutboxRelay() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            advisoryLock(connection, "pg_advisory_lock");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        // A pooled connection outlives close(), and so would a session lock: release it explicitly.
        return () -> {
            try (connection) {
                advisoryLock(connection, "pg_advisory_unlock");
            }
        };
    }

    private static void advisoryLock(Connection connection, String function) throws SQLException {
        try (var statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, RELAY_LOCK);
            statement.execute();
        }
    }

    /**
     * Rows naming this user: per table that has a {@code user_id} column, and in the outbox, whose records about
     * the user are keyed by the user id. The outbox is checked because a record queued and not yet relayed (a
     * session summary, a diary entry with its note) is personal data too, and while Kafka is away it can stay
     * there for as long as the outage lasts.
     */
    private Map<String, Long> rowsNamingTheUser() {
        List<String> tables = jdbc.sql("""
                        select table_name from information_schema.columns
                        where table_schema = current_schema() and column_name = 'user_id' order by table_name
                        """).query(String.class).list();
        assertThat(tables).contains("users", "device_pairings", "user_time_zones", "sessions", "cramp_nights");
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(
                    table,
                    jdbc.sql("select count(*) from " + table + " where user_id = ?")
                            .param(userId)
                            .query(Long.class)
                            .single());
        }
        rows.put(
                OUTBOX,
                jdbc.sql("select count(*) from outbox_messages where message_key = ?")
                        .param(userId)
                        .query(Long.class)
                        .single());
        return rows;
    }
}
