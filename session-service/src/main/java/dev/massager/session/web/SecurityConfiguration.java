package dev.massager.session.web;

import dev.massager.common.PayloadException;
import dev.massager.common.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
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
 * No sessions, no CSRF (nothing rides on cookies). Each user has a request budget ({@link RateLimitFilter}). Only the OpenAPI document is public; health and metrics are on
 * the management port, which is not published.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String ROLE_USER = "user";
    static final String ROLE_ADMIN = "admin";

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
    SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, RateLimitProperties rateLimits)
            throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole(ROLE_ADMIN)
                        .requestMatchers("/api/v1/me", "/api/v1/me/**")
                        .hasRole(ROLE_USER)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new RateLimitFilter(rateLimits, problems), BearerTokenAuthenticationFilter.class)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey(properties))
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null),
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, SecurityConfiguration::isUserId))));
        return decoder;
    }

    @Bean
    PasswordEncoder pairingCodeEncoder() {
        return new BCryptPasswordEncoder();
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
