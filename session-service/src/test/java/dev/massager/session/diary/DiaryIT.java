package dev.massager.session.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.api.testing.ApiClient;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.diary.Muscle;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.session.SessionServiceIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

@SessionServiceIntegrationTest
class DiaryIT {

    private static final PayloadCodec CODEC = new PayloadCodec();

    static final String ENTRY = """
            {"cramps": 2, "severity": 7, "muscles": ["CALF_RIGHT", "CALF_LEFT"], "wokeUp": true, "note": "after a long walk"}
            """;
    static final String NONE = """
            {"cramps": 0, "severity": 0, "muscles": [], "wokeUp": false}
            """;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    ApiClient api;
    String userId;
    TopicReader published;
    LocalDate yesterday;

    @BeforeEach
    void fresh() {
        api = new ApiClient(port);
        userId = ApiClient.newUserId();
        published = new TopicReader(
                environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                KafkaTopics.CRAMP_NIGHTS,
                key -> key.equals(userId));
        yesterday = LocalDate.now(ZoneId.of("UTC")).minusDays(1);
    }

    @AfterEach
    void close() {
        published.close();
    }

    @Nested
    class Writing {

        @Test
        void shouldStoreAnEntryAndPublishItOnce() {
            var created = api.user(userId).put(path(yesterday), ENTRY).expect(201);
            var again = api.user(userId).put(path(yesterday), ENTRY).expect(200);

            assertThat(created.header("Location")).endsWith(path(yesterday));
            assertThat(created.json().get("muscles").toString()).isEqualTo("[\"CALF_LEFT\",\"CALF_RIGHT\"]");
            assertThat(again.json()).isEqualTo(created.json());
            // The deletion comes after anything the two writes published: once it is there, so is the rest.
            api.user(userId).delete(path(yesterday)).expect(204);
            List<CrampNight> nights = awaitPublished(2);
            assertThat(nights.get(0).deleted()).isFalse();
            assertThat(nights.get(0).cramps()).isEqualTo(2);
            assertThat(nights.get(0).severity()).isEqualTo(7);
            assertThat(nights.get(0).muscles()).containsExactly(Muscle.CALF_LEFT, Muscle.CALF_RIGHT);
            assertThat(nights.get(0).wokeUp()).isTrue();
            assertThat(nights.get(0).note()).isEqualTo("after a long walk");
            assertThat(nights.get(0).night()).isEqualTo(yesterday);
            assertThat(nights.get(0).timeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(nights.get(1).deleted()).isTrue();
            assertThat(nights.get(1).night()).isEqualTo(yesterday);
            assertThat(nights.get(1).eventId()).isNotEqualTo(nights.get(0).eventId());
        }

        @Test
        void shouldPublishAChangeInTheZoneThatWasTheUsersThatNight() {
            api.user(userId).put("/api/v1/me", "{\"timeZone\":\"UTC\"}").expect(200);
            api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"Pacific/Kiritimati\"}")
                    .expect(200);
            LocalDate night = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).minusDays(1);
            api.user(userId).put(path(night), NONE).expect(201);

            var changed = api.user(userId).put(path(night), ENTRY).expect(200);

            assertThat(changed.json().get("cramps").asInt()).isEqualTo(2);
            List<CrampNight> nights = awaitPublished(2);
            assertThat(nights.get(0).crampFree()).isTrue();
            assertThat(nights.get(1).cramps()).isEqualTo(2);
            // The night began (D 12:00) before the user moved: it stays in the zone of then.
            assertThat(nights).extracting(CrampNight::timeZone).containsOnly(ZoneId.of("UTC"));
        }

        @Test
        void shouldAnswer404WhenDeletingAnUnknownNight() {
            api.user(userId).delete(path(yesterday)).problem(404);
        }
    }

    @Nested
    class FirstTimeZoneChoice {

        @Test
        void shouldMoveEntriesWrittenBeforeItIntoTheChosenZoneAndPublishThemAgain() {
            LocalDate earlier = yesterday.minusDays(3);
            api.user(userId).put(path(earlier), ENTRY).expect(201);
            api.user(userId).put(path(yesterday), NONE).expect(201);
            List<CrampNight> before = awaitPublished(2);
            assertThat(before).extracting(CrampNight::timeZone).containsOnly(ZoneId.of("UTC"));

            api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"America/Los_Angeles\"}")
                    .expect(200);

            assertThat(api.user(userId)
                            .get(path(earlier))
                            .expect(200)
                            .json()
                            .get("timeZone")
                            .asString())
                    .isEqualTo("America/Los_Angeles");
            List<CrampNight> after = awaitPublished(4).subList(2, 4);
            assertThat(after).extracting(CrampNight::night).containsExactly(earlier, yesterday);
            assertThat(after).extracting(CrampNight::timeZone).containsOnly(ZoneId.of("America/Los_Angeles"));
            assertThat(after.get(0).cramps()).isEqualTo(2);
            assertThat(after.get(0).updatedAt()).isAfter(before.get(0).updatedAt());
            assertThat(after.get(1).crampFree()).isTrue();
            assertThat(after.get(1).updatedAt()).isAfter(before.get(1).updatedAt());
        }

        @Test
        void shouldPutNightsBeforeItInTheChosenZoneAndKeepThemThereAfterALaterChange() {
            ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
            api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"America/Los_Angeles\"}")
                    .expect(200);
            LocalDate lastWeek = LocalDate.now(losAngeles).minusDays(7);
            api.user(userId).put(path(lastWeek), ENTRY).expect(201);

            api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"Europe/Berlin\"}")
                    .expect(200);
            LocalDate weekBefore = lastWeek.minusDays(7);
            api.user(userId).put(path(weekBefore), NONE).expect(201);

            assertThat(zoneOf(lastWeek)).isEqualTo("America/Los_Angeles");
            assertThat(zoneOf(weekBefore)).isEqualTo("America/Los_Angeles");
            assertThat(awaitPublished(2)).extracting(CrampNight::timeZone).containsOnly(losAngeles);
        }

        @Test
        void shouldKeepUtcForEarlierNightsWhenUtcWasChosenFirst() {
            api.user(userId).put(path(yesterday), ENTRY).expect(201);
            api.user(userId).put("/api/v1/me", "{\"timeZone\":\"UTC\"}").expect(200);

            api.user(userId)
                    .put("/api/v1/me", "{\"timeZone\":\"Europe/Berlin\"}")
                    .expect(200);
            LocalDate lastWeek = yesterday.minusDays(6);
            api.user(userId).put(path(lastWeek), NONE).expect(201);

            assertThat(zoneOf(yesterday)).isEqualTo("UTC");
            assertThat(zoneOf(lastWeek)).isEqualTo("UTC");
            // Had a change published the first entry again, that would come before the second one.
            assertThat(awaitPublished(2)).extracting(CrampNight::night).containsExactly(yesterday, lastWeek);
        }

        private String zoneOf(LocalDate night) {
            return api.user(userId)
                    .get(path(night))
                    .expect(200)
                    .json()
                    .get("timeZone")
                    .asString();
        }
    }

    @Nested
    class Reading {

        @Test
        void shouldListEntriesAscendingWithinTheRange() {
            for (int daysAgo : List.of(1, 5, 3, 40)) {
                api.user(userId)
                        .put(path(yesterday.minusDays(daysAgo - 1)), NONE)
                        .expect(201);
            }

            var nights = api.user(userId)
                    .get("/api/v1/me/cramp-nights?from=" + yesterday.minusDays(10) + "&to=" + yesterday)
                    .expect(200)
                    .json();

            assertThat(nights.valueStream().map(n -> n.get("night").asString()))
                    .containsExactly(
                            yesterday.minusDays(4).toString(),
                            yesterday.minusDays(2).toString(),
                            yesterday.toString());
            assertThat(api.user(userId).get("/api/v1/me/cramp-nights").json()).hasSize(4);
        }

        @Test
        void shouldReadOneEntryOr404() {
            api.user(userId).put(path(yesterday), ENTRY).expect(201);

            assertThat(api.user(userId)
                            .get(path(yesterday))
                            .expect(200)
                            .json()
                            .get("severity")
                            .asInt())
                    .isEqualTo(7);
            api.user(userId).get(path(yesterday.minusDays(1))).problem(404);
        }

        @Test
        void shouldHideAnotherUsersEntries() {
            api.user(userId).put(path(yesterday), ENTRY).expect(201);
            String other = ApiClient.newUserId();

            api.user(other).get(path(yesterday)).problem(404);
            api.user(other).delete(path(yesterday)).problem(404);
            assertThat(api.user(other).get("/api/v1/me/cramp-nights").json()).isEmpty();
            api.user(userId).get(path(yesterday)).expect(200);
        }
    }

    @Nested
    class Refused {

        @Test
        void shouldRefuseSeverity11() {
            assertThat(api.user(userId)
                            .put(path(yesterday), ENTRY.replace("\"severity\": 7", "\"severity\": 11"))
                            .badRequestFields())
                    .containsExactly("severity");
        }

        @Test
        void shouldRefuseANightInTheFuture() {
            LocalDate future = LocalDate.now(ZoneId.of("UTC")).plusDays(2);

            assertThat(api.user(userId).put(path(future), ENTRY).badRequestFields())
                    .containsExactly("date");
        }

        @Test
        void shouldRefuseAMalformedDate() {
            assertThat(api.user(userId)
                            .put("/api/v1/me/cramp-nights/2024-13-45", ENTRY)
                            .badRequestFields())
                    .containsExactly("date");
        }

        @Test
        void shouldRefuseAnUnknownMuscleNamingItsPosition() {
            assertThat(api.user(userId)
                            .put(path(yesterday), ENTRY.replace("\"CALF_LEFT\"", "\"ELBOW\""))
                            .badRequestFields())
                    .containsExactly("muscles[1]");
        }

        @Test
        void shouldRefuseNoCrampsThatDescribeACramp() {
            assertThat(api.user(userId)
                            .put(path(yesterday), NONE.replace("\"wokeUp\": false", "\"wokeUp\": true"))
                            .badRequestFields())
                    .containsExactly("wokeUp");
            assertThat(api.user(userId)
                            .put(path(yesterday), NONE.replace("\"severity\": 0", "\"severity\": 3"))
                            .badRequestFields())
                    .containsExactly("severity");
        }

        @Test
        void shouldRefuseMissingFieldsNamingEach() {
            assertThat(api.user(userId)
                            .put(path(yesterday), "{\"note\": \"x\"}")
                            .badRequestFields())
                    .containsExactlyInAnyOrder("cramps", "severity", "muscles", "wokeUp");
        }

        @Test
        void shouldRefuseATooLongNote() {
            String note = "n".repeat(1001);

            assertThat(api.user(userId)
                            .put(path(yesterday), NONE.replace("}", ", \"note\": \"" + note + "\"}"))
                            .badRequestFields())
                    .containsExactly("note");
        }

        @Test
        void shouldRefuseARangeTooLongOrBackwards() {
            assertThat(api.user(userId)
                            .get("/api/v1/me/cramp-nights?from=2020-01-01&to=2024-01-01")
                            .badRequestFields())
                    .containsExactly("to");
            assertThat(api.user(userId)
                            .get("/api/v1/me/cramp-nights?from=2024-01-02&to=2024-01-01")
                            .badRequestFields())
                    .containsExactly("from");
            assertThat(api.user(userId)
                            .get("/api/v1/me/cramp-nights?from=yesterday")
                            .badRequestFields())
                    .containsExactly("from");
        }

        @Test
        void shouldPublishNothingForARefusedEntry() {
            api.user(userId).put(path(yesterday), ENTRY.replace("\"severity\": 7", "\"severity\": 11"));
            api.user(userId).put(path(yesterday), NONE).expect(201);

            assertThat(awaitPublished(1).get(0).crampFree()).isTrue();
        }
    }

    private List<CrampNight> awaitPublished(int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> published.poll().stream()
                                .map(record -> CODEC.decode(record.value(), CrampNight.class))
                                .toList(),
                        nights -> nights.size() >= count);
    }

    private static String path(LocalDate night) {
        return "/api/v1/me/cramp-nights/" + night;
    }
}
