package dev.massager.session.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Comparator;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}. The server is relative so the document does not depend on where
 * the service runs, which keeps the committed copy in {@code docs/openapi/} comparable. Regenerate it with
 * {@code ./mvnw -pl session-service verify -Dit.test=OpenApiDocumentIT -Dopenapi.write=true}.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Massager session service",
                        version = "v1",
                        description =
                                "The companion app's API: profile, devices and pairing, sessions, the cramp diary,"
                                        + " and the user's own data (export, erasure). Every error is an RFC 9457 problem."),
        servers = @Server(url = "/"),
        security = @SecurityRequirement(name = OpenApiConfiguration.BEARER))
@SecurityScheme(
        name = OpenApiConfiguration.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description = "An RS256 JWT: the subject is the user id, the roles claim holds user and/or admin.")
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    /** Tags in name order: the order controllers are found in is not part of the API, and the committed copy is. */
    @Bean
    OpenApiCustomizer sortedTags() {
        return api -> {
            if (api.getTags() != null) {
                api.getTags().sort(Comparator.comparing(Tag::getName));
            }
        };
    }
}
