package dev.massager.session.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.session.ApiClient;
import dev.massager.session.SessionServiceIntegrationTest;
import dev.massager.session.sessions.SessionRows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

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
        void shouldRemoveTheUserFromEveryTableAndPublishTheErasure() {
            assertThat(rowsNamingTheUser())
                    .as("before")
                    .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

            try (var published = new TopicReader(
                    environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                    KafkaTopics.USER_ERASURES,
                    userId::equals)) {
                api.user(userId).delete("/api/v1/me").expect(204);

                assertThat(rowsNamingTheUser())
                        .as("after")
                        .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
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
            }
            assertThat(jdbc.sql("select count(*) from devices where device_id = ?")
                            .param(deviceId)
                            .query(Long.class)
                            .single())
                    .as("the device stays provisioned")
                    .isOne();
        }
    }

    /** Rows per table that has a user_id column, for this user. */
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
        return rows;
    }
}
