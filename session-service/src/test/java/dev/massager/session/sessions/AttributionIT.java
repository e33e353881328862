package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.api.testing.ApiClient;
import dev.massager.session.SessionServiceIntegrationTest;
import dev.massager.session.support.DeviceStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/** From the device stream to the companion app: whose sessions are whose, across pairing and unpairing. */
@SessionServiceIntegrationTest
class AttributionIT {

    private static final String CODE = "731-044-902";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldGiveEachSessionToWhoeverHadTheDeviceWhenItStarted() {
        ApiClient api = new ApiClient(port);
        String device = "m-" + UUID.randomUUID();
        String alice = ApiClient.newUserId();
        String bob = ApiClient.newUserId();
        String pairing = "{\"deviceId\":\"" + device + "\",\"pairingCode\":\"" + CODE + "\"}";
        api.admin().post("/api/v1/admin/devices", pairing).expect(201);
        api.user(alice).post("/api/v1/me/devices", pairing).expect(201);

        send(ScriptedSession.of(device, "s-1", now(), 1, 30));
        // Samples and the end event come on two topics and may be folded in different batches: the session can
        // be listed while still open, so wait for all of it.
        JsonNode alicesSession = await().atMost(WAIT)
                .until(
                        () -> items(api, alice),
                        items -> items.size() == 1
                                && items.get(0).get("status").asString().equals("ENDED")
                                && items.get(0).get("sampleCount").asLong() == 30)
                .get(0);
        assertThat(alicesSession.get("deviceSessionId").asString()).isEqualTo("s-1");
        JsonNode one = api.user(alice)
                .get("/api/v1/me/sessions/" + alicesSession.get("sessionId").asString())
                .expect(200)
                .json();
        assertThat(one.get("secondsByMode").get("SEQUENTIAL").asLong()).isEqualTo(15);

        api.user(alice).delete("/api/v1/me/devices/" + device).expect(204);
        send(ScriptedSession.of(device, "s-2", now(), 100, 30));
        await().atMost(WAIT).until(() -> samplesOf(device, "s-2") == 30);
        assertThat(jdbc.sql("select user_id from sessions where device_id = ? and device_session_id = 's-2'")
                        .param(device)
                        .query(String.class)
                        .optional())
                .as("a session of a device paired to nobody is kept without an owner")
                .isEmpty();

        api.user(bob).post("/api/v1/me/devices", pairing).expect(201);
        send(ScriptedSession.of(device, "s-3", now(), 200, 30));
        await().atMost(WAIT).until(() -> items(api, bob), items -> items.size() == 1);

        assertThat(items(api, alice))
                .extracting(item -> item.get("deviceSessionId").asString())
                .containsExactly("s-1");
        assertThat(items(api, bob))
                .extracting(item -> item.get("deviceSessionId").asString())
                .containsExactly("s-3");
    }

    /** Session start times just after now: after any pairing change made before the call. */
    private static Instant now() {
        return Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    }

    private void send(ScriptedSession session) {
        DeviceStream stream = new DeviceStream(kafka);
        stream.send(session.payloads().stream()
                .map(payload -> stream.record(session.deviceId(), payload))
                .toList());
    }

    private long samplesOf(String device, String session) {
        return jdbc.sql("select coalesce(sum(sample_count), 0) from sessions where device_id = ? and"
                        + " device_session_id = ?")
                .params(device, session)
                .query(Long.class)
                .single();
    }

    private static List<JsonNode> items(ApiClient api, String user) {
        List<JsonNode> items = new ArrayList<>();
        api.user(user)
                .get("/api/v1/me/sessions")
                .expect(200)
                .json()
                .get("items")
                .forEach(items::add);
        return items;
    }
}
