package dev.massager.gateway;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings.
 *
 * @param instanceId names this instance: in record headers, and in its MQTT client ids, which must stay the same
 *     across restarts so that the broker hands the instance back its sessions
 * @param maxClockAhead how far in the future of the receive time a device timestamp may be before it is flagged
 * @param maxClockBehind how far in the past it may be: generous, since devices upload backlogs hours or days old
 * @param stallTimeout how long a message may wait for Kafka before the gateway reports itself not ready
 */
@Validated
@ConfigurationProperties("massager.gateway")
public record GatewayProperties(
        @NotBlank String instanceId,
        @NotNull @DefaultValue("5m") Duration maxClockAhead,
        @NotNull @DefaultValue("7d") Duration maxClockBehind,
        @NotNull @DefaultValue("15s") Duration stallTimeout) {}
