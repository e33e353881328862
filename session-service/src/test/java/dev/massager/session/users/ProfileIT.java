package dev.massager.session.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.api.testing.ApiClient;
import dev.massager.session.SessionServiceIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SessionServiceIntegrationTest
class ProfileIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String userId;

    @BeforeEach
    void user() {
        api = new ApiClient(port);
        userId = ApiClient.newUserId();
    }

    @Nested
    class FirstUse {

        @Test
        void shouldCreateTheUserInUtcOnFirstRequest() {
            var profile = api.user(userId).get("/api/v1/me").expect(200).json();

            assertThat(profile.get("userId").asString()).isEqualTo(userId);
            assertThat(profile.get("timeZone").asString()).isEqualTo("UTC");
            assertThat(profile.get("timeZoneChosen").asBoolean()).isFalse();
            assertThat(profile.get("createdAt").asString()).isNotBlank();
            assertThat(zoneHistory()).containsExactly("UTC");
        }

        @Test
        void shouldCreateTheUserOnceUnderConcurrentFirstRequests() {
            var caller = api.user(userId);
            List<CompletableFuture<ApiClient.Response>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(CompletableFuture.supplyAsync(() -> caller.get("/api/v1/me")));
            }

            assertThat(requests)
                    .allSatisfy(request -> assertThat(request.join().status()).isEqualTo(200));
            assertThat(jdbc.sql("select count(*) from users where user_id = ?")
                            .param(userId)
                            .query(Long.class)
                            .single())
                    .isOne();
            assertThat(zoneHistory()).hasSize(1);
        }
    }

    @Nested
    class TimeZone {

        @Test
        void shouldMakeTheFirstChoiceTheZoneOfAllEarlierTimes() {
            var created = api.user(userId).get("/api/v1/me").expect(200).json();

            var profile = api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"America/Los_Angeles\"}")
                    .expect(200)
                    .json();

            assertThat(profile.get("timeZone").asString()).isEqualTo("America/Los_Angeles");
            assertThat(profile.get("timeZoneChosen").asBoolean()).isTrue();
            assertThat(api.user(userId).get("/api/v1/me").json().get("timeZone").asString())
                    .isEqualTo("America/Los_Angeles");
            assertThat(zoneHistory()).containsExactly("America/Los_Angeles");
            assertThat(firstEffectiveFrom())
                    .isEqualTo(Instant.parse(created.get("createdAt").asString()));
        }

        @Test
        void shouldApplyALaterChangeFromNowOnAndKeepTheHistory() {
            api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"America/Los_Angeles\"}")
                    .expect(200);

            var profile = api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"Europe/Berlin\"}")
                    .expect(200)
                    .json();

            assertThat(profile.get("timeZone").asString()).isEqualTo("Europe/Berlin");
            assertThat(zoneHistory()).containsExactly("America/Los_Angeles", "Europe/Berlin");
        }

        @Test
        void shouldCountUtcAsAFirstChoiceThoughItIsThePlaceholder() {
            var profile = api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"UTC\"}")
                    .expect(200)
                    .json();
            assertThat(profile.get("timeZoneChosen").asBoolean()).isTrue();
            assertThat(zoneHistory()).containsExactly("UTC");

            api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"Europe/Berlin\"}")
                    .expect(200);

            assertThat(zoneHistory()).containsExactly("UTC", "Europe/Berlin");
        }

        @Test
        void shouldChangeNothingWhenTheZoneIsTheSame() {
            api.user(userId).put("/api/v1/me", "{\"timeZone\":\"Asia/Tokyo\"}").expect(200);
            api.user(userId).put("/api/v1/me", "{\"timeZone\":\"Asia/Tokyo\"}").expect(200);

            assertThat(zoneHistory()).containsExactly("Asia/Tokyo");
        }

        @Test
        void shouldTakeOneOfConcurrentFirstChoicesAsTheFirst() {
            var caller = api.user(userId);
            caller.get("/api/v1/me").expect(200);
            List<String> zones = List.of("Asia/Tokyo", "Europe/Berlin", "America/Chicago", "Africa/Lagos");
            List<CompletableFuture<ApiClient.Response>> requests = zones.stream()
                    .map(zone -> CompletableFuture.supplyAsync(
                            () -> caller.put("/api/v1/me", "{\"timeZone\":\"" + zone + "\"}")))
                    .toList();

            assertThat(requests)
                    .allSatisfy(request -> assertThat(request.join().status()).isEqualTo(200));
            // One of them replaced the placeholder, each other one followed it.
            assertThat(zoneHistory()).hasSize(zones.size()).containsExactlyInAnyOrderElementsOf(zones);
        }

        @Test
        void shouldRefuseAnUnknownZoneNamingTheField() {
            assertThat(api.user(userId)
                            .put("/api/v1/me", "{\"timeZone\":\"Mars/Olympus\"}")
                            .badRequestFields())
                    .containsExactly("timeZone");
        }

        @Test
        void shouldRefuseAnOffsetNamingTheField() {
            assertThat(api.user(userId)
                            .put("/api/v1/me", "{\"timeZone\":\"+02:00\"}")
                            .badRequestFields())
                    .containsExactly("timeZone");
        }

        @Test
        void shouldRefuseAMissingZoneNamingTheField() {
            assertThat(api.user(userId).put("/api/v1/me", "{}").badRequestFields())
                    .containsExactly("timeZone");
        }

        @Test
        void shouldRefuseAZoneOfTheWrongJsonTypeNamingTheField() {
            assertThat(api.user(userId).put("/api/v1/me", "{\"timeZone\":[1]}").badRequestFields())
                    .containsExactly("timeZone");
        }
    }

    private Instant firstEffectiveFrom() {
        return jdbc.sql("select min(effective_from) from user_time_zones where user_id = ?")
                .param(userId)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    private List<String> zoneHistory() {
        return jdbc.sql("select time_zone from user_time_zones where user_id = ? order by effective_from")
                .param(userId)
                .query(String.class)
                .list();
    }
}
