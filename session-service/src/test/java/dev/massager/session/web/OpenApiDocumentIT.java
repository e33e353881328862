package dev.massager.session.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.api.testing.ApiClient;
import dev.massager.api.testing.OpenApiDocument;
import dev.massager.session.SessionServiceIntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The committed OpenAPI document is the one the service serves. After an intended API change, regenerate it with
 * {@code ./mvnw -pl session-service verify -Dit.test=OpenApiDocumentIT -Dopenapi.write=true} and commit the diff.
 */
@SessionServiceIntegrationTest
class OpenApiDocumentIT {

    static final Path COMMITTED = Path.of("..", "docs", "openapi", "session-service.json");

    @LocalServerPort
    int port;

    @Test
    void shouldMatchTheCommittedDocument() throws Exception {
        OpenApiDocument.assertServedEqualsCommitted(port, COMMITTED);
    }

    @Test
    void shouldDeclareTheBearerScheme() {
        var document = new ApiClient(port).anonymous().get("/v3/api-docs").json();

        var scheme = document.get("components").get("securitySchemes").get("bearer");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(document.get("security").toString()).contains("bearer");
        assertThat(document.get("paths").propertyNames())
                .contains("/api/v1/me", "/api/v1/me/sessions", "/api/v1/me/cramp-nights/{date}", "/api/v1/me/export");
    }
}
