package dev.massager.analytics.web;

import dev.massager.api.security.ApiAuthorization;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What this service's API adds to the shared plumbing of {@code api-support}: which paths need which role, and the
 * OpenAPI document's title. The dashboard page and its assets are public because they hold no data: the page
 * fetches the cohort API with the analyst's bearer token.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Massager analytics service",
                        version = "v1",
                        description = "Personal insights for the companion app and cohort analytics for the"
                                + " product team. Every error is an RFC 9457 problem."),
        servers = @Server(url = "/"))
class ApiConfiguration {

    static final String ROLE_USER = "user";
    static final String ROLE_ANALYST = "analyst";

    @Bean
    ApiAuthorization apiAuthorization() {
        return ApiAuthorization.builder()
                .permit("/dashboard.html", "/dashboard/**", "/webjars/**")
                .requireRole(ROLE_USER, "/api/v1/me/**")
                .requireRole(ROLE_ANALYST, "/api/v1/cohort/**")
                .build();
    }
}
