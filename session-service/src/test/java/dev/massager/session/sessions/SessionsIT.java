package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.api.testing.ApiClient;
import dev.massager.session.SessionServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SessionServiceIntegrationTest
class SessionsIT {

    static final Instant BASE = Instant.parse("2026-01-10T20:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String userId;

    @BeforeEach
    void fresh() {
        api = new ApiClient(port);
        userId = ApiClient.newUserId();
        api.user(userId).get("/api/v1/me").expect(200);
    }

    @Nested
    class OneSession {

        @Test
        void shouldReturnTheSummaryWithItsRollUps() {
            UUID id = SessionRows.insert(jdbc, userId, BASE);

            JsonNode session = api.user(userId)
                    .get("/api/v1/me/sessions/" + id)
                    .expect(200)
                    .json();

            assertThat(session.get("sessionId").asString()).isEqualTo(id.toString());
            assertThat(session.get("userId").asString()).isEqualTo(userId);
            assertThat(session.get("status").asString()).isEqualTo("ENDED");
            assertThat(session.get("endReason").asString()).isEqualTo("TIMER");
            assertThat(session.get("startedAt").asString()).isEqualTo("2026-01-10T20:00:00Z");
            assertThat(session.get("durationSeconds").asLong()).isEqualTo(600);
            assertThat(session.get("secondsByMode").get("WAVE").asLong()).isEqualTo(540);
            assertThat(session.get("intensities").toString()).isEqualTo("[1,3]");
            assertThat(session.get("heats").toString()).isEqualTo("[\"LOW\"]");
            assertThat(session.get("pressure").get("foot").get("mean").asDouble())
                    .isEqualTo(41.5);
            assertThat(session.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        }

        @Test
        void shouldAnswer404ForAnotherUsersSession() {
            UUID id = SessionRows.insert(jdbc, userId, BASE);
            String other = ApiClient.newUserId();

            api.user(other).get("/api/v1/me/sessions/" + id).problem(404);
            assertThat(api.user(other).get("/api/v1/me/sessions").json().get("items"))
                    .isEmpty();
        }

        @Test
        void shouldAnswer404ForAnUnknownSession() {
            api.user(userId).get("/api/v1/me/sessions/" + UUID.randomUUID()).problem(404);
        }

        @Test
        void shouldRefuseAMalformedIdNamingTheField() {
            assertThat(api.user(userId).get("/api/v1/me/sessions/not-a-uuid").badRequestFields())
                    .containsExactly("sessionId");
        }
    }

    @Nested
    class Pages {

        @Test
        void shouldShowEverySessionOnceNewestFirst() {
            List<UUID> expected = insertSessions(57);

            List<UUID> seen = walk(10, null);

            assertThat(seen).containsExactlyElementsOf(expected);
        }

        @Test
        void shouldShowEverySessionOnceWhileNewOnesArrive() {
            List<UUID> original = insertSessions(57);
            List<UUID> seen = new ArrayList<>();
            String cursor = null;
            int page = 0;
            do {
                JsonNode body = page(10, cursor, "");
                body.get("items")
                        .forEach(item ->
                                seen.add(UUID.fromString(item.get("sessionId").asString())));
                cursor = body.get("nextCursor").isNull()
                        ? null
                        : body.get("nextCursor").asString();
                // Newer than anything, older than anything, and same start as one already seen.
                SessionRows.insert(jdbc, userId, BASE.plus(Duration.ofDays(1 + page)));
                SessionRows.insert(jdbc, userId, BASE.minus(Duration.ofDays(100 + page)));
                SessionRows.insert(jdbc, userId, BASE.minus(Duration.ofHours(page)));
                page++;
            } while (cursor != null);

            assertThat(new LinkedHashSet<>(seen)).as("no session twice").hasSameSizeAs(seen);
            assertThat(seen).containsAll(original);
            assertThat(seen.stream().filter(original::contains).toList())
                    .as("the original sessions in order")
                    .containsExactlyElementsOf(original);
        }

        @Test
        void shouldFilterByStartWithFromInclusiveAndToExclusive() {
            List<UUID> all = insertSessions(10);
            Instant from = BASE.minus(Duration.ofHours(6));
            Instant to = BASE.minus(Duration.ofHours(2));

            List<UUID> seen = walk(3, "&from=" + from + "&to=" + to);

            // Session i started at BASE - i hours: i from 2 to 6, 6 included, 2 excluded.
            assertThat(seen).containsExactlyElementsOf(all.subList(3, 7));
        }

        @Test
        void shouldReturnNoCursorOnTheLastPage() {
            insertSessions(3);

            JsonNode body = page(20, null, "");

            assertThat(body.get("items")).hasSize(3);
            assertThat(body.get("nextCursor").isNull()).isTrue();
        }
    }

    @Nested
    class Refused {

        @Test
        void shouldRefuseAPageOf10000NamingTheLimit() {
            assertThat(api.user(userId).get("/api/v1/me/sessions?limit=10000").badRequestFields())
                    .containsExactly("limit");
            assertThat(api.user(userId).get("/api/v1/me/sessions?limit=0").badRequestFields())
                    .containsExactly("limit");
        }

        @Test
        void shouldRefuseAMalformedCursor() {
            assertThat(api.user(userId)
                            .get("/api/v1/me/sessions?cursor=garbage")
                            .badRequestFields())
                    .containsExactly("cursor");
        }

        @Test
        void shouldRefuseATamperedCursor() {
            insertSessions(3);
            String cursor = page(1, null, "").get("nextCursor").asString();
            char last = cursor.charAt(cursor.length() - 2);
            String tampered = cursor.substring(0, cursor.length() - 2)
                    + (last == 'A' ? 'B' : 'A')
                    + cursor.charAt(cursor.length() - 1);

            assertThat(api.user(userId)
                            .get("/api/v1/me/sessions?limit=1&cursor=" + tampered)
                            .badRequestFields())
                    .containsExactly("cursor");
        }

        @Test
        void shouldRefuseAnotherUsersCursor() {
            insertSessions(3);
            String cursor = page(1, null, "").get("nextCursor").asString();

            assertThat(api.user(ApiClient.newUserId())
                            .get("/api/v1/me/sessions?cursor=" + cursor)
                            .badRequestFields())
                    .containsExactly("cursor");
        }

        @Test
        void shouldRefuseAMalformedInstantNamingTheField() {
            assertThat(api.user(userId)
                            .get("/api/v1/me/sessions?from=yesterday")
                            .badRequestFields())
                    .containsExactly("from");
        }
    }

    /** Sessions started one hour apart going back from {@link #BASE}, newest first; some share a start. */
    private List<UUID> insertSessions(int count) {
        List<SessionRows.Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant startedAt = BASE.minus(Duration.ofHours(i));
            rows.add(new SessionRows.Row(SessionRows.insert(jdbc, userId, startedAt), startedAt));
        }
        // Two more at the start of the tenth, so the session id breaks ties.
        if (count > 10) {
            Instant tie = BASE.minus(Duration.ofHours(9));
            rows.add(new SessionRows.Row(SessionRows.insert(jdbc, userId, tie), tie));
            rows.add(new SessionRows.Row(SessionRows.insert(jdbc, userId, tie), tie));
        }
        return rows.stream()
                .sorted(SessionRows.NEWEST_FIRST)
                .map(SessionRows.Row::sessionId)
                .toList();
    }

    private List<UUID> walk(int limit, String filter) {
        List<UUID> seen = new ArrayList<>();
        Set<String> cursors = new LinkedHashSet<>();
        String cursor = null;
        do {
            JsonNode body = page(limit, cursor, filter == null ? "" : filter);
            assertThat(body.get("items").size()).isLessThanOrEqualTo(limit);
            body.get("items")
                    .forEach(item ->
                            seen.add(UUID.fromString(item.get("sessionId").asString())));
            cursor = body.get("nextCursor").isNull()
                    ? null
                    : body.get("nextCursor").asString();
            assertThat(cursor == null || cursors.add(cursor)).isTrue();
        } while (cursor != null);
        return seen;
    }

    private JsonNode page(int limit, String cursor, String filter) {
        return api.user(userId)
                .get("/api/v1/me/sessions?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor) + filter)
                .expect(200)
                .json();
    }
}
