package dev.massager.session.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.api.security.TokenMint;
import dev.massager.api.testing.ApiClient;
import dev.massager.session.SessionServiceIntegrationTest;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@SessionServiceIntegrationTest
class SecurityIT {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Nested
    class Refused {

        @Test
        void shouldAnswer401WithAChallengeWithoutAToken() {
            var response = api.anonymous().get("/api/v1/me");

            response.problem(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void shouldAnswer401ForAnExpiredToken() {
            Instant issued = Instant.now().minus(Duration.ofHours(2));
            String token = ApiClient.mint()
                    .mint(ApiClient.newUserId(), List.of("user"), issued, issued.plus(Duration.ofHours(1)));

            var response = api.withToken(token).get("/api/v1/me");

            response.problem(401);
            assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        }

        @Test
        void shouldAnswer401ForATokenSignedWithAnotherKey() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var stranger = new TokenMint(generator.generateKeyPair(), ApiClient.ISSUER, ApiClient.AUDIENCE);

            api.withToken(stranger.mint(ApiClient.newUserId(), List.of("user"), Duration.ofMinutes(5)))
                    .get("/api/v1/me")
                    .problem(401);
        }

        @Test
        void shouldAnswer401ForAnotherAudience() {
            var mint = TokenMint.fromKeyFile(java.nio.file.Path.of(ApiClient.KEY_FILE), ApiClient.ISSUER, "other-api");

            api.withToken(mint.mint(ApiClient.newUserId(), List.of("user"), Duration.ofMinutes(5)))
                    .get("/api/v1/me")
                    .problem(401);
        }

        @Test
        void shouldAnswer401ForAnotherIssuer() {
            var mint = TokenMint.fromKeyFile(java.nio.file.Path.of(ApiClient.KEY_FILE), "evil", ApiClient.AUDIENCE);

            api.withToken(mint.mint(ApiClient.newUserId(), List.of("user"), Duration.ofMinutes(5)))
                    .get("/api/v1/me")
                    .problem(401);
        }

        @Test
        void shouldAnswer401ForASubjectThatIsNoUserId() {
            String tooLong = "u".repeat(256);

            api.withToken(ApiClient.mint().mint(tooLong, List.of("user"), Duration.ofMinutes(5)))
                    .get("/api/v1/me")
                    .problem(401);
        }

        @Test
        void shouldAnswer403ForAUserOnAnAdminEndpoint() {
            api.user(ApiClient.newUserId())
                    .post("/api/v1/admin/devices", "{\"deviceId\":\"dev-403\",\"pairingCode\":\"123456\"}")
                    .problem(403);
        }

        @Test
        void shouldAnswer403ForAnAdminWithoutTheUserRoleOnAUserEndpoint() {
            api.admin().get("/api/v1/me").problem(403);
        }

        @Test
        void shouldNotServeAnythingOutsideTheApiToAnonymousCallers() {
            api.anonymous().get("/somewhere/else").problem(401);
        }
    }

    @Nested
    class Allowed {

        @Test
        void shouldServeTheOpenApiDocumentWithoutAToken() {
            var response = api.anonymous().get("/v3/api-docs");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("openapi").asString()).startsWith("3.");
        }

        @Test
        void shouldAcceptAValidUserToken() {
            api.user(ApiClient.newUserId()).get("/api/v1/me").expect(200);
        }

        @Test
        void shouldAnswerProblem404ForAnUnknownPathUnderMe() {
            api.user(ApiClient.newUserId()).get("/api/v1/me/nothing-here").problem(404);
        }
    }
}
