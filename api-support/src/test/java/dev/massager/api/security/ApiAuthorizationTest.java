package dev.massager.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class ApiAuthorizationTest {

    @Nested
    class Building {

        @Test
        void shouldKeepTheRulesInTheOrderGiven() {
            var authorization = ApiAuthorization.builder()
                    .permit("/dashboard.html")
                    .requireRole("user", "/api/v1/me/**")
                    .requireRole("analyst", "/api/v1/cohort/**")
                    .limitAttempts(HttpMethod.POST, "/api/v1/me/devices", "pairing")
                    .build();

            assertThat(authorization.publicPaths()).containsExactly("/dashboard.html");
            assertThat(authorization.roleRules())
                    .extracting(ApiAuthorization.RoleRule::role)
                    .containsExactly("user", "analyst");
            assertThat(authorization.roles()).containsExactly("user", "analyst");
            assertThat(authorization.attempts()).singleElement().satisfies(attempt -> {
                assertThat(attempt.method()).isEqualTo(HttpMethod.POST);
                assertThat(attempt.name()).isEqualTo("pairing");
            });
        }
    }

    @Nested
    class Refusing {

        @Test
        void shouldRefuseARoleWithThePrefixSpringAdds() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ApiAuthorization.builder().requireRole("ROLE_user", "/api/**"))
                    .withMessageContaining("ROLE_");
        }

        @Test
        void shouldRefuseARuleWithoutPaths() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ApiAuthorization.builder().requireRole("user"));
        }

        @Test
        void shouldRefuseARelativePath() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ApiAuthorization.builder().permit("dashboard.html"))
                    .withMessageContaining("starts with '/'");
        }
    }
}
