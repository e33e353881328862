package dev.massager.api.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are checked. One of {@code publicKey} and {@code localKeyFile} must be set: a service that
 * made up its own key and trusted it would accept tokens nobody in production can mint, and refuse all others.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the token's {@code aud} must contain
 * @param publicKey the PEM public key of the operator's identity provider (production); when set,
 *     {@code localKeyFile} is not used
 * @param localKeyFile the RSA key pair for local use and tests, created at start when missing; used only when set
 *     and there is no {@code publicKey}
 * @param clockSkew how far a token's {@code exp} and {@code nbf} may be off the server clock
 */
@Validated
@ConfigurationProperties("massager.security.jwt")
record JwtProperties(
        @NotBlank @DefaultValue("massager-local") String issuer,
        @NotBlank @DefaultValue("massager-api") String audience,
        Resource publicKey,
        Path localKeyFile,
        @NotNull @DefaultValue("30s") Duration clockSkew) {

    JwtProperties {
        if (localKeyFile != null && localKeyFile.toString().isBlank()) {
            localKeyFile = null;
        }
        if (publicKey == null && localKeyFile == null) {
            throw new IllegalArgumentException("No key to check bearer tokens with: set JWT_PUBLIC_KEY"
                    + " (massager.security.jwt.public-key) to the location of the identity provider's PEM public"
                    + " key, or, for local use only, JWT_LOCAL_KEY_FILE (massager.security.jwt.local-key-file) to"
                    + " a file for the service's own key pair");
        }
    }
}
