package dev.massager.session.sessions;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How sessions are built from the stream.
 *
 * @param quietPeriod how long after the last data (gateway receive time) an open session without an end event is
 *     closed as incomplete; late data reopens it
 * @param closeInterval how often open sessions are checked for quiet
 * @param closeBatchSize sessions closed per transaction
 */
@Validated
@ConfigurationProperties("massager.sessions")
record SessionProperties(
        @NotNull @DefaultValue("10m") Duration quietPeriod,
        @NotNull @DefaultValue("30s") Duration closeInterval,
        @Min(1) @Max(10_000) @DefaultValue("500") int closeBatchSize) {}
