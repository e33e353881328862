package dev.massager.session.web;

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
 * @param pairingAttempts pairing attempts per user and {@code pairingWindow}: pairing codes are short, so guessing
 *     one must take longer than a device's lifetime
 * @param pairingWindow the window of {@code pairingAttempts}
 * @param trackedUsers users whose budgets are kept; the least recently seen are forgotten first
 */
@Validated
@ConfigurationProperties("massager.rate-limits")
record RateLimitProperties(
        @Min(1) @DefaultValue("20") long requestsPerSecond,
        @Min(1) @DefaultValue("40") long burst,
        @Min(1) @DefaultValue("10") long pairingAttempts,
        @NotNull @DefaultValue("15m") Duration pairingWindow,
        @Min(1) @DefaultValue("100000") long trackedUsers) {}
