package dev.massager.session.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.api.testing.ApiClient;
import dev.massager.session.SessionServiceIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SessionServiceIntegrationTest
class DevicesIT {

    static final String CODE = "483-920-117";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String deviceId;
    String alice;
    String bob;

    @BeforeEach
    void fresh() {
        api = new ApiClient(port);
        deviceId = "m-" + UUID.randomUUID();
        alice = ApiClient.newUserId();
        bob = ApiClient.newUserId();
    }

    @Nested
    class Provisioning {

        @Test
        void shouldStoreOnlyAHashOfThePairingCode() {
            var response = api.admin()
                    .post("/api/v1/admin/devices", body(deviceId, CODE))
                    .expect(201);

            assertThat(response.header("Location")).endsWith("/api/v1/admin/devices/" + deviceId);
            assertThat(response.json().get("deviceId").asString()).isEqualTo(deviceId);
            String hash = jdbc.sql("select pairing_code_hash from devices where device_id = ?")
                    .param(deviceId)
                    .query(String.class)
                    .single();
            assertThat(hash).doesNotContain(CODE).startsWith("$2");
            api.admin().get("/api/v1/admin/devices/" + deviceId).expect(200);
        }

        @Test
        void shouldAnswer409ForAnExistingId() {
            provision();

            api.admin()
                    .post("/api/v1/admin/devices", body(deviceId, "another-code"))
                    .problem(409);
        }

        @Test
        void shouldRefuseAMalformedDeviceIdNamingTheField() {
            assertThat(api.admin()
                            .post("/api/v1/admin/devices", body("-bad id", CODE))
                            .badRequestFields())
                    .containsExactly("deviceId");
        }

        @Test
        void shouldRefuseAShortPairingCodeNamingTheField() {
            assertThat(api.admin()
                            .post("/api/v1/admin/devices", body(deviceId, "12345"))
                            .badRequestFields())
                    .containsExactly("pairingCode");
        }
    }

    @Nested
    class Pairing {

        @Test
        void shouldPairListAndUnpair() {
            provision();

            var paired = api.user(alice)
                    .post("/api/v1/me/devices", body(deviceId, CODE))
                    .expect(201);
            assertThat(paired.json().get("deviceId").asString()).isEqualTo(deviceId);
            assertThat(paired.json().get("pairedAt").asString()).isNotBlank();

            var listed = api.user(alice).get("/api/v1/me/devices").expect(200).json();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("deviceId").asString()).isEqualTo(deviceId);

            api.user(alice).delete("/api/v1/me/devices/" + deviceId).expect(204);
            assertThat(api.user(alice).get("/api/v1/me/devices").json()).isEmpty();
            assertThat(jdbc.sql("select count(*) from device_pairings where device_id = ? and unpaired_at is not null")
                            .param(deviceId)
                            .query(Long.class)
                            .single())
                    .as("the history is kept")
                    .isOne();
        }

        @Test
        void shouldShowTheLatestStatusTheDeviceReported() {
            provision();
            jdbc.sql("""
                            insert into device_statuses (device_id, state, firmware, reported_at, received_at)
                            values (?, 'ONLINE', '2.3.1', '2026-03-01T08:00:00Z', now())
                            """).param(deviceId).update();
            api.user(alice).post("/api/v1/me/devices", body(deviceId, CODE)).expect(201);

            var status = api.user(alice).get("/api/v1/me/devices").json().get(0).get("status");

            assertThat(status.get("state").asString()).isEqualTo("ONLINE");
            assertThat(status.get("firmware").asString()).isEqualTo("2.3.1");
            assertThat(status.get("reportedAt").asString()).isEqualTo("2026-03-01T08:00:00Z");
        }

        @Test
        void shouldBeIdempotentForTheOwner() {
            provision();
            api.user(alice).post("/api/v1/me/devices", body(deviceId, CODE)).expect(201);

            api.user(alice).post("/api/v1/me/devices", body(deviceId, CODE)).expect(200);

            assertThat(api.user(alice).get("/api/v1/me/devices").json()).hasSize(1);
        }

        @Test
        void shouldRefuseAWrongCodeAndAnUnknownDeviceAlike() {
            provision();

            var wrongCode = api.user(alice).post("/api/v1/me/devices", body(deviceId, "wrong-code"));
            var unknown = api.user(alice).post("/api/v1/me/devices", body("m-" + UUID.randomUUID(), CODE));

            assertThat(wrongCode.badRequestFields()).containsExactly("pairingCode");
            assertThat(unknown.badRequestFields()).containsExactly("pairingCode");
            assertThat(wrongCode.json().get("detail")).isEqualTo(unknown.json().get("detail"));
            assertThat(api.user(alice).get("/api/v1/me/devices").json()).isEmpty();
        }

        @Test
        void shouldAnswer409ForADevicePairedToSomeoneElse() {
            provision();
            api.user(alice).post("/api/v1/me/devices", body(deviceId, CODE)).expect(201);

            api.user(bob).post("/api/v1/me/devices", body(deviceId, CODE)).problem(409);
        }

        @Test
        void shouldLetExactlyOneOfTwoRacingUsersPair() {
            provision();
            List<CompletableFuture<ApiClient.Response>> attempts = new ArrayList<>();
            for (String user : List.of(alice, bob, ApiClient.newUserId(), ApiClient.newUserId())) {
                var caller = api.user(user);
                attempts.add(
                        CompletableFuture.supplyAsync(() -> caller.post("/api/v1/me/devices", body(deviceId, CODE))));
            }

            List<Integer> statuses =
                    attempts.stream().map(a -> a.join().status()).toList();

            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        }

        @Test
        void shouldLetAnotherUserPairAfterTheOwnerUnpaired() {
            provision();
            api.user(alice).post("/api/v1/me/devices", body(deviceId, CODE)).expect(201);
            api.user(alice).delete("/api/v1/me/devices/" + deviceId).expect(204);

            api.user(bob).post("/api/v1/me/devices", body(deviceId, CODE)).expect(201);
        }
    }

    @Nested
    class Ownership {

        @Test
        void shouldAnswer404ForAnotherUsersDevice() {
            provision();
            api.user(alice).post("/api/v1/me/devices", body(deviceId, CODE)).expect(201);

            api.user(bob).get("/api/v1/me/devices/" + deviceId).problem(404);
            api.user(bob).delete("/api/v1/me/devices/" + deviceId).problem(404);
            assertThat(api.user(bob).get("/api/v1/me/devices").json()).isEmpty();
            api.user(alice).get("/api/v1/me/devices/" + deviceId).expect(200);
        }

        @Test
        void shouldAnswer404ForAnUnknownDevice() {
            api.user(alice).delete("/api/v1/me/devices/m-" + UUID.randomUUID()).problem(404);
        }
    }

    @Nested
    class RateLimits {

        @Test
        void shouldStopGuessingPairingCodesAfterTenAttempts() {
            provision();
            for (int attempt = 0; attempt < 10; attempt++) {
                api.user(alice)
                        .post("/api/v1/me/devices", body(deviceId, "000-000-" + (100 + attempt)))
                        .problem(400);
            }

            var refused = api.user(alice).post("/api/v1/me/devices", body(deviceId, CODE));

            assertThat(refused.problem(429).get("detail").asString()).contains("pairing");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
            api.user(alice).get("/api/v1/me/devices").expect(200);
            api.user(bob).post("/api/v1/me/devices", body(deviceId, CODE)).expect(201);
        }
    }

    private void provision() {
        api.admin().post("/api/v1/admin/devices", body(deviceId, CODE)).expect(201);
    }

    static String body(String deviceId, String code) {
        return "{\"deviceId\":\"" + deviceId + "\",\"pairingCode\":\"" + code + "\"}";
    }
}
