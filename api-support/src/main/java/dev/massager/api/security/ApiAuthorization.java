package dev.massager.api.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * What differs between services' APIs: which paths need which role, which are public, and which requests guess a
 * secret. A service declares one as a bean; everything else about the API's security is the same everywhere (see
 * {@link ApiSecurityAutoConfiguration}).
 *
 * <pre>
 * &#64;Bean
 * ApiAuthorization apiAuthorization() {
 *     return ApiAuthorization.builder()
 *             .requireRole("admin", "/api/v1/admin/**")
 *             .requireRole("user", "/api/v1/me", "/api/v1/me/**")
 *             .build();
 * }
 * </pre>
 *
 * Rules apply in the order given, the first match wins. The OpenAPI document, its UI and the error page are always
 * public; a path no rule names is denied to everyone.
 */
public final class ApiAuthorization {

    /** Paths every service serves to anyone: the OpenAPI document and its UI, and the error page. */
    static final List<String> ALWAYS_PUBLIC =
            List.of("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error");

    private final List<String> publicPaths;
    private final List<RoleRule> roleRules;
    private final List<Attempt> attempts;

    private ApiAuthorization(Builder builder) {
        this.publicPaths = List.copyOf(builder.publicPaths);
        this.roleRules = List.copyOf(builder.roleRules);
        this.attempts = List.copyOf(builder.attempts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Path patterns anyone may request without a token, besides {@link #ALWAYS_PUBLIC}. */
    List<String> publicPaths() {
        return publicPaths;
    }

    List<RoleRule> roleRules() {
        return roleRules;
    }

    List<Attempt> attempts() {
        return attempts;
    }

    /** The roles the rules name, in the order first named. */
    public Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        roleRules.forEach(rule -> roles.add(rule.role()));
        return roles;
    }

    /** Requests to {@code patterns} need a token whose {@code roles} claim holds {@code role}. */
    record RoleRule(String role, List<String> patterns) {}

    /**
     * Requests of {@code method} to {@code path} count against the caller's attempt budget too; {@code name} says
     * what is attempted in the 429 problem ("Too many pairing attempts").
     */
    record Attempt(HttpMethod method, String path, String name) {}

    public static final class Builder {

        private final List<String> publicPaths = new ArrayList<>();
        private final List<RoleRule> roleRules = new ArrayList<>();
        private final List<Attempt> attempts = new ArrayList<>();

        private Builder() {}

        /**
         * Serves {@code patterns} without a token: pages and assets that hold no data (a dashboard that fetches the
         * API with the user's token, its WebJars).
         */
        public Builder permit(String... patterns) {
            publicPaths.addAll(patterns(patterns));
            return this;
        }

        /** Serves {@code patterns} only to tokens with {@code role} (without the {@code ROLE_} prefix). */
        public Builder requireRole(String role, String... patterns) {
            if (Objects.requireNonNull(role, "role").isBlank() || role.startsWith("ROLE_")) {
                throw new IllegalArgumentException("a role name without the ROLE_ prefix, not '" + role + "'");
            }
            roleRules.add(new RoleRule(role, patterns(patterns)));
            return this;
        }

        /**
         * Counts {@code method} requests to exactly {@code path} against the caller's attempt budget
         * ({@code massager.rate-limits.attempts} per {@code .attempt-window}) as well as the request budget: for
         * requests that guess a secret, such as a short pairing code. {@code name} says what is attempted, for the
         * 429 problem: "pairing" gives "Too many pairing attempts".
         */
        public Builder limitAttempts(HttpMethod method, String path, String name) {
            attempts.add(new Attempt(
                    Objects.requireNonNull(method, "method"),
                    patterns(path).get(0),
                    Objects.requireNonNull(name, "name")));
            return this;
        }

        public ApiAuthorization build() {
            return new ApiAuthorization(this);
        }

        private static List<String> patterns(String... patterns) {
            if (patterns.length == 0) {
                throw new IllegalArgumentException("at least one path pattern");
            }
            for (String pattern : patterns) {
                if (pattern == null || !pattern.startsWith("/")) {
                    throw new IllegalArgumentException("a path pattern starts with '/', not '" + pattern + "'");
                }
            }
            return List.of(patterns);
        }
    }
}
