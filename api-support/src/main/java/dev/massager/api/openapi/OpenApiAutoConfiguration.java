package dev.massager.api.openapi;

import dev.massager.api.security.ApiAuthorization;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document's security: one bearer scheme, required by every operation, naming the roles the service's
 * {@link ApiAuthorization} uses. The service's own {@code @OpenAPIDefinition} gives the title and description.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    /** The name of the bearer security scheme in the document. */
    public static final String BEARER = "bearer";

    @Bean
    OpenApiCustomizer bearerScheme(ObjectProvider<ApiAuthorization> authorization) {
        String roles = either(
                authorization.getIfAvailable(() -> ApiAuthorization.builder().build()).roles().stream()
                        .sorted()
                        .toList());
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents()
                    .addSecuritySchemes(
                            BEARER,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT")
                                    .description("An RS256 JWT: the subject is the user id, the roles claim holds "
                                            + roles + "."));
            SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
            if (api.getSecurity() == null || !api.getSecurity().contains(bearer)) {
                api.addSecurityItem(bearer);
            }
        };
    }

    /** Tags in name order: the order controllers are found in is not part of the API, and a committed copy is. */
    @Bean
    OpenApiCustomizer sortedTags() {
        return api -> {
            if (api.getTags() != null) {
                api.getTags().sort(Comparator.comparing(Tag::getName));
            }
        };
    }

    /** "a", "a and/or b", "a, b and/or c". */
    private static String either(List<String> roles) {
        if (roles.isEmpty()) {
            return "its roles";
        }
        List<String> first = new ArrayList<>(roles.subList(0, roles.size() - 1));
        String last = roles.get(roles.size() - 1);
        return first.isEmpty() ? last : String.join(", ", first) + " and/or " + last;
    }
}
