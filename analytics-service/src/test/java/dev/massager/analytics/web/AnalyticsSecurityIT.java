package dev.massager.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.api.testing.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@AnalyticsIntegrationTest
class AnalyticsSecurityIT {

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
            var response = api.anonymous().get("/api/v1/me/insights");

            response.problem(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void shouldAnswer401OnTheCohortApiWithoutAToken() {
            api.anonymous().get("/api/v1/cohort/anything").problem(401);
        }

        @Test
        void shouldAnswer403ForAUserOnTheCohortApi() {
            api.user(ApiClient.newUserId()).get("/api/v1/cohort/anything").problem(403);
        }

        @Test
        void shouldAnswer403ForAnAnalystOnAUsersInsights() {
            api.as(ApiClient.newUserId(), "analyst").get("/api/v1/me/insights").problem(403);
        }

        @Test
        void shouldDenyPathsNoRuleNamesEvenWithEveryRole() {
            api.as(ApiClient.newUserId(), "user", "analyst", "admin")
                    .get("/api/v1/admin/anything")
                    .problem(403);
        }
    }

    @Nested
    class Allowed {

        @Test
        void shouldServeTheOpenApiDocumentWithoutAToken() {
            var response = api.anonymous().get("/v3/api-docs").expect(200);

            assertThat(response.json().get("openapi").asString()).startsWith("3.");
            var scheme =
                    response.json().get("components").get("securitySchemes").get("bearer");
            assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
            assertThat(scheme.get("description").asString()).contains("analyst and/or user");
        }

        @Test
        void shouldLetTheDashboardPageThroughWithoutAToken() {
            // No page yet: past security, the answer is the 404 problem, not a 401.
            api.anonymous().get("/dashboard.html").problem(404);
        }

        @Test
        void shouldLetAUserThroughToTheirOwnInsights() {
            api.user(ApiClient.newUserId()).get("/api/v1/me/insights").expect(200);
        }

        @Test
        void shouldLetAnAnalystThroughToTheCohortApi() {
            api.as(ApiClient.newUserId(), "analyst")
                    .get("/api/v1/cohort/anything")
                    .problem(404);
        }
    }
}
