package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.api.testing.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LocalStackIT {

    private static final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    static LocalStack stack;
    static ApiClient sessions;
    static ApiClient analytics;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
        sessions = new ApiClient(stack.sessionServiceUri().getPort());
        analytics = new ApiClient(stack.analyticsServiceUri().getPort());
    }

    @Nested
    class WhenStarted {

        @Test
        void shouldHaveEveryServiceReady() throws Exception {
            assertThat(get(stack.gatewayManagementUri().resolve("/actuator/health/readiness")))
                    .isEqualTo(200);
            // The two API services answer their APIs, with the tokens of tokens().
            sessions.withToken(token("someone", "user")).get("/api/v1/me").expect(200);
            analytics
                    .withToken(token("someone", "user"))
                    .get("/api/v1/me/insights")
                    .expect(200);
        }

        @Test
        void shouldRefuseARequestWithoutAToken() {
            sessions.anonymous().get("/api/v1/me/sessions").problem(401);
            analytics.anonymous().get("/api/v1/cohort/usage").expect(401);
        }

        @Test
        void shouldServeTheOpenApiPagesAndTheDashboardItPrints() throws Exception {
            assertThat(get(stack.sessionServiceUri().resolve("/swagger-ui.html")))
                    .isEqualTo(200);
            assertThat(get(stack.analyticsServiceUri().resolve("/swagger-ui.html")))
                    .isEqualTo(200);
            assertThat(get(stack.analyticsServiceUri().resolve("/dashboard/"))).isEqualTo(200);
        }

        @Test
        void shouldWriteTheDeviceCaForOtherProcesses() {
            assertThat(stack.deviceCaDirectory().resolve("ca.crt")).isRegularFile();
            assertThat(stack.deviceCaDirectory().resolve("ca.key")).isRegularFile();
            assertThat(stack.logDirectory().resolve("session-service.log")).isNotEmptyFile();
        }
    }

    @Nested
    class ADeviceSession {

        static final int SAMPLES = 30;

        @Test
        void shouldReachItsOwnersHistoryOverMqttAndNobodyElses() throws Exception {
            String deviceId = "it-" + UUID.randomUUID().toString().substring(0, 8);
            String owner = "owner-" + UUID.randomUUID();
            String stranger = "stranger-" + UUID.randomUUID();
            String pairing = "{\"deviceId\":\"" + deviceId + "\",\"pairingCode\":\"483-920-117\"}";
            sessions.withToken(token("ops", "admin"))
                    .post("/api/v1/admin/devices", pairing)
                    .expect(201);
            ApiClient.Caller user = sessions.withToken(token(owner, "user"));
            user.put("/api/v1/me", "{\"timeZone\":\"Europe/Berlin\"}").expect(200);
            user.post("/api/v1/me/devices", pairing).expect(201);

            // After the time zone was set: a session takes the zone its user had when it started.
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            String session = "s-" + deviceId;
            try (Device device = Device.connect(deviceId)) {
                device.publish("events", """
                        {"v":1,"seq":1,"ts":"%s","type":"SESSION_STARTED","session":"%s","mode":"WAVE",\
                        "intensity":2,"heat":"LOW","timerMin":15,"fw":"2.3.1"}""".formatted(start, session));
                for (int i = 1; i <= SAMPLES; i++) {
                    device.publish("telemetry", """
                            {"v":1,"seq":%d,"ts":"%s","session":"%s","mode":"WAVE","intensity":2,"heat":"LOW",\
                            "pressure":{"foot":42,"calf":58,"thigh":51},"battery":81}""".formatted(1 + i, start.plusSeconds(i), session));
                }
                device.publish("events", """
                        {"v":1,"seq":%d,"ts":"%s","type":"SESSION_ENDED","session":"%s","reason":"TIMER"}""".formatted(SAMPLES + 2, start.plusSeconds(SAMPLES + 1), session));
            }

            JsonNode mine = await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> endedSession(user, deviceId), found -> found != null);
            assertThat(mine.get("deviceSessionId").asString()).isEqualTo(session);
            assertThat(mine.get("startedAt").asString()).isEqualTo(start.toString());
            assertThat(mine.get("durationSeconds").asLong()).isEqualTo(SAMPLES + 1);
            assertThat(mine.get("sampleCount").asLong()).isEqualTo(SAMPLES);
            assertThat(mine.get("endReason").asString()).isEqualTo("TIMER");
            assertThat(mine.get("timeZone").asString()).isEqualTo("Europe/Berlin");

            ApiClient.Caller other = sessions.withToken(token(stranger, "user"));
            assertThat(other.get("/api/v1/me/sessions").expect(200).json().get("items"))
                    .isEmpty();
            other.get("/api/v1/me/sessions/" + mine.get("sessionId").asString()).problem(404);
        }

        private static JsonNode endedSession(ApiClient.Caller user, String deviceId) {
            for (JsonNode item :
                    user.get("/api/v1/me/sessions").expect(200).json().get("items")) {
                if (item.get("deviceId").asString().equals(deviceId)
                        && item.get("status").asString().equals("ENDED")) {
                    return item;
                }
            }
            return null;
        }
    }

    private static String token(String subject, String role) {
        return stack.tokens().mint(subject, List.of(role), Duration.ofMinutes(10));
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A massager on the broker's device listener: its own certificate, client id = device id, QoS 1. */
    private record Device(MqttAsyncClient client) implements AutoCloseable {

        static Device connect(String deviceId) throws MqttException {
            MqttAsyncClient client = new MqttAsyncClient(
                    stack.infrastructure().mqtt().deviceServerUri(), deviceId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(stack.infrastructure().mqtt().deviceSocketFactory(deviceId));
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            return new Device(client);
        }

        /** Publishes and waits for the PUBACK, which must say success. */
        void publish(String kind, String json) throws MqttException {
            String topic = "massagers/" + client.getClientId() + "/" + kind;
            IMqttToken token =
                    client.publish(topic, new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, null));
            token.waitForCompletion(10_000);
            assertThat(token.getReasonCodes()).as("PUBACK of %s", json).containsOnly(0);
            // Paho frees the in-flight slot after completing the token, on its own thread.
            await().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> client.getInFlightMessageCount() < 5);
        }

        @Override
        public void close() throws MqttException {
            try {
                client.disconnect().waitForCompletion(5_000);
            } finally {
                client.close();
            }
        }
    }
}
