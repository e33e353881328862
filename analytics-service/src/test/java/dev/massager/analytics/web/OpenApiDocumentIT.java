package dev.massager.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.api.testing.ApiClient;
import dev.massager.api.testing.OpenApiDocument;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The committed OpenAPI document is the one the service serves. After an intended API change, regenerate it with
 * {@code ./mvnw -pl analytics-service verify -Dit.test=OpenApiDocumentIT -Dopenapi.write=true} and commit the diff.
 */
@AnalyticsIntegrationTest
class OpenApiDocumentIT {

    static final Path COMMITTED = Path.of("..", "docs", "openapi", "analytics-service.json");

    @LocalServerPort
    int port;

    @Test
    void shouldMatchTheCommittedDocument() throws Exception {
        OpenApiDocument.assertServedEqualsCommitted(port, COMMITTED);
    }

    @Test
    void shouldDescribeTheInsightAndCohortApisWithTheBearerScheme() {
        var document = new ApiClient(port).anonymous().get("/v3/api-docs").json();

        assertThat(document.get("components")
                        .get("securitySchemes")
                        .get("bearer")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.get("paths").propertyNames())
                .contains("/api/v1/me/insights", "/api/v1/cohort/usage", "/api/v1/cohort/cramps");
    }
}
