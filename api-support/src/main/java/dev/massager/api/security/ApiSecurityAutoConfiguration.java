package dev.massager.api.security;

import dev.massager.api.problem.ProblemAutoConfiguration;
import dev.massager.api.problem.ProblemResponses;
import dev.massager.common.PayloadException;
import dev.massager.common.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Bearer tokens only: RS256 JWTs whose subject is the user id and whose {@code roles} claim grants {@code ROLE_*}.
 * No sessions, no CSRF (nothing rides on cookies). Each user has a request budget ({@link RateLimitFilter}). Which
 * paths need which role is the service's {@link ApiAuthorization}; besides those only the OpenAPI document is
 * public. Health and metrics are on the management port, which is not published.
 *
 * <p>Runs before Spring Boot's own security auto-configuration, which backs off once these filter chains and the
 * decoder exist.
 */
@AutoConfiguration(
        after = ProblemAutoConfiguration.class,
        before = {
            SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class,
            OAuth2ResourceServerWebSecurityAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({JwtProperties.class, RateLimitProperties.class})
public class ApiSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);

    /** The claim that lists a token's roles. */
    public static final String ROLES_CLAIM = "roles";

    @Bean
    @Order(1)
    SecurityFilterChain managementEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            ApiAuthorization authorization,
            JwtAuthenticationConverter roles,
            ProblemResponses problems,
            RateLimitProperties rateLimits)
            throws Exception {
        return http.authorizeHttpRequests(requests -> {
                    requests.requestMatchers(ApiAuthorization.ALWAYS_PUBLIC.toArray(String[]::new))
                            .permitAll();
                    if (!authorization.publicPaths().isEmpty()) {
                        requests.requestMatchers(authorization.publicPaths().toArray(String[]::new))
                                .permitAll();
                    }
                    for (ApiAuthorization.RoleRule rule : authorization.roleRules()) {
                        requests.requestMatchers(rule.patterns().toArray(String[]::new))
                                .hasRole(rule.role());
                    }
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(
                        new RateLimitFilter(rateLimits, authorization, problems), BearerTokenAuthenticationFilter.class)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Grants {@code ROLE_x} for each {@code x} in the token's {@code roles} claim. */
    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        return authentication;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey(properties))
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null),
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, ApiSecurityAutoConfiguration::isUserId))));
        return decoder;
    }

    private static RSAPublicKey publicKey(JwtProperties properties) {
        if (properties.publicKey() != null) {
            try {
                return TokenMint.readPublicKey(properties.publicKey().getContentAsString(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWT public key " + properties.publicKey(), e);
            }
        }
        var keys = TokenMint.loadOrCreateKeyPair(properties.localKeyFile());
        log.info(
                "No JWT_PUBLIC_KEY configured: trusting tokens signed with the local key {} (issuer {}, audience {}),"
                        + " for local use only. Mint one with: JWT_LOCAL_KEY_FILE={} ./mvnw -q -pl session-service"
                        + " compile exec:java -Dexec.args=\"--subject alice --role user\"",
                properties.localKeyFile().toAbsolutePath(),
                properties.issuer(),
                properties.audience(),
                properties.localKeyFile().toAbsolutePath());
        return (RSAPublicKey) keys.getPublic();
    }

    private static boolean isUserId(Object subject) {
        try {
            Require.userId(subject instanceof String text ? text : null, "sub");
            return true;
        } catch (PayloadException e) {
            return false;
        }
    }
}
