package dev.massager.session.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are checked.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the token's {@code aud} must contain
 * @param publicKey the PEM public key of the operator's identity provider; when absent the service trusts the
 *     local key pair in {@code localKeyFile}
 * @param localKeyFile the RSA key pair for local use and tests, created at start when missing
 * @param clockSkew how far a token's {@code exp} and {@code nbf} may be off the server clock
 */
@Validated
@ConfigurationProperties("massager.security.jwt")
record JwtProperties(
        @NotBlank @DefaultValue("massager-local") String issuer,
        @NotBlank @DefaultValue("massager-api") String audience,
        Resource publicKey,
        @NotNull Path localKeyFile,
        @NotNull @DefaultValue("30s") Duration clockSkew) {}
