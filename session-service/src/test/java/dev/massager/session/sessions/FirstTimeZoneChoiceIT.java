package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.api.testing.ApiClient;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.session.SessionStatus;
import dev.massager.common.session.SessionSummary;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.session.SessionServiceIntegrationTest;
import dev.massager.session.support.DeviceStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A device's backlog from before its user chose a time zone: its sessions are first in the placeholder zone, and the
 * first choice publishes them again in the chosen one.
 */
@SessionServiceIntegrationTest
class FirstTimeZoneChoiceIT {

    private static final String CODE = "550-118-274";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final PayloadCodec CODEC = new PayloadCodec();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    ApiClient api;
    String userId;
    String device;
    TopicReader published;

    @BeforeEach
    void userWithADevice() {
        api = new ApiClient(port);
        userId = ApiClient.newUserId();
        device = "m-" + UUID.randomUUID();
        String pairing = "{\"deviceId\":\"" + device + "\",\"pairingCode\":\"" + CODE + "\"}";
        api.admin().post("/api/v1/admin/devices", pairing).expect(201);
        api.user(userId).post("/api/v1/me/devices", pairing).expect(201);
        published = new TopicReader(
                environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                KafkaTopics.SESSIONS,
                userId::equals);
    }

    @AfterEach
    void close() {
        published.close();
    }

    @Test
    void shouldPublishSessionsFromBeforeTheFirstChoiceAgainInTheChosenZone() {
        SessionSummary backlog = sessionOfDaysAgo("s-1", 3);
        assertThat(backlog.timeZone()).isEqualTo(UTC);

        api.user(userId).put("/api/v1/me", zone(LOS_ANGELES)).expect(200);

        SessionSummary corrected =
                await().atMost(WAIT).until(() -> latest("s-1"), summary -> summary.revision() > backlog.revision());
        assertThat(corrected.revision()).isEqualTo(backlog.revision() + 1);
        assertThat(corrected.timeZone()).isEqualTo(LOS_ANGELES);
        assertThat(corrected)
                .usingRecursiveComparison()
                .ignoringFields("revision", "timeZone")
                .isEqualTo(backlog);
        assertThat(api.user(userId)
                        .get("/api/v1/me/sessions/" + backlog.sessionId())
                        .expect(200)
                        .json()
                        .get("timeZone")
                        .asString())
                .isEqualTo(LOS_ANGELES.getId());

        api.user(userId).put("/api/v1/me", zone(BERLIN)).expect(200);

        assertThat(stored(backlog)).isEqualTo(new Stored(corrected.revision(), LOS_ANGELES.getId()));
        SessionSummary later = session("s-2", Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
        assertThat(later.timeZone()).isEqualTo(BERLIN);
        assertThat(latest("s-1")).isEqualTo(corrected);
    }

    @Test
    void shouldKeepEarlierSessionsInUtcWhenUtcWasChosenFirst() {
        SessionSummary backlog = sessionOfDaysAgo("s-1", 3);

        api.user(userId).put("/api/v1/me", zone(UTC)).expect(200);
        api.user(userId).put("/api/v1/me", zone(BERLIN)).expect(200);

        assertThat(stored(backlog)).isEqualTo(new Stored(backlog.revision(), UTC.getId()));
        SessionSummary older = sessionOfDaysAgo("s-0", 5);
        assertThat(older.timeZone()).isEqualTo(UTC);
        // Published after the changes: a new revision of s-1 made by them would be there by now.
        assertThat(latest("s-1")).isEqualTo(backlog);
    }

    @Test
    void shouldGiveABacklogArrivingAfterTheFirstChoiceTheChosenZone() {
        api.user(userId).put("/api/v1/me", zone(LOS_ANGELES)).expect(200);

        assertThat(sessionOfDaysAgo("s-1", 3).timeZone()).isEqualTo(LOS_ANGELES);
    }

    /** Sends a whole session that began {@code days} ago and waits for its summary with all of it. */
    private SessionSummary sessionOfDaysAgo(String session, int days) {
        return session(session, Instant.now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS));
    }

    private SessionSummary session(String session, Instant start) {
        ScriptedSession script = ScriptedSession.of(device, session, start, start.getEpochSecond(), 20);
        DeviceStream stream = new DeviceStream(kafka);
        stream.send(script.payloads().stream()
                .map(payload -> stream.record(device, payload))
                .toList());
        // Samples and the end event come on two topics and may be folded in different batches.
        return await().atMost(WAIT)
                .until(
                        () -> latest(session),
                        summary -> summary != null
                                && summary.status() == SessionStatus.ENDED
                                && summary.sampleCount() == 20);
    }

    private SessionSummary latest(String session) {
        return published.poll().stream()
                .map(record -> CODEC.decode(record.value(), SessionSummary.class))
                .filter(summary -> summary.deviceSessionId().equals(session))
                .max(Comparator.comparingLong(SessionSummary::revision))
                .orElse(null);
    }

    private Stored stored(SessionSummary summary) {
        return jdbc.sql("select revision, time_zone from sessions where session_id = ?::uuid")
                .param(summary.sessionId().toString())
                .query((row, n) -> new Stored(row.getLong("revision"), row.getString("time_zone")))
                .single();
    }

    private static String zone(ZoneId zone) {
        return "{\"timeZone\":\"" + zone.getId() + "\"}";
    }

    record Stored(long revision, String timeZone) {}
}
