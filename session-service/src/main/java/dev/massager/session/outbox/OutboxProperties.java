package dev.massager.session.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay sends queued records.
 *
 * @param pollInterval how often the relay looks for records when no commit woke it (another instance may have
 *     queued them, or a send failed)
 * @param batchSize records sent per round trip to the database
 * @param sendTimeout how long to wait for Kafka to acknowledge a batch before trying again
 */
@Validated
@ConfigurationProperties("massager.outbox")
record OutboxProperties(
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @Min(1) @Max(10_000) @DefaultValue("500") int batchSize,
        @NotNull @DefaultValue("30s") Duration sendTimeout) {}
