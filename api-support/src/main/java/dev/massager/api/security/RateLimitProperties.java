package dev.massager.api.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one user may ask of this instance.
 *
 * @param requestsPerSecond sustained API requests per second and user
 * @param burst requests a user may make at once before the sustained rate applies
 * @param attempts attempts per user and {@code attemptWindow} at the requests a service marks as guessing a secret
 *     ({@link ApiAuthorization.Builder#limitAttempts}): pairing codes are short, so guessing one must take longer
 *     than a device's lifetime
 * @param attemptWindow the window of {@code attempts}
 * @param trackedUsers users whose budgets are kept; the least recently seen are forgotten first
 */
@Validated
@ConfigurationProperties("massager.rate-limits")
record RateLimitProperties(
        @Min(1) @DefaultValue("20") long requestsPerSecond,
        @Min(1) @DefaultValue("40") long burst,
        @Min(1) @DefaultValue("10") long attempts,
        @NotNull @DefaultValue("15m") Duration attemptWindow,
        @Min(1) @DefaultValue("100000") long trackedUsers) {}
