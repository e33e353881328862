package dev.massager.session.web;

import dev.massager.api.security.ApiAuthorization;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What this service's API adds to the shared plumbing of {@code api-support}: which paths need which role, and the
 * OpenAPI document's title. The document's server is relative so it does not depend on where the service runs,
 * which keeps the committed copy in {@code docs/openapi/} comparable. Regenerate it with
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
        servers = @Server(url = "/"))
class ApiConfiguration {

    static final String ROLE_USER = "user";
    static final String ROLE_ADMIN = "admin";

    /** Pairing codes are short: each user's attempts at them have a budget of their own. */
    static final String PAIRING_PATH = "/api/v1/me/devices";

    @Bean
    ApiAuthorization apiAuthorization() {
        return ApiAuthorization.builder()
                .requireRole(ROLE_ADMIN, "/api/v1/admin/**")
                .requireRole(ROLE_USER, "/api/v1/me", "/api/v1/me/**")
                .limitAttempts(HttpMethod.POST, PAIRING_PATH, "pairing")
                .build();
    }

    @Bean
    PasswordEncoder pairingCodeEncoder() {
        return new BCryptPasswordEncoder();
    }
}
