package dev.massager.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reads from the MQTT broker the massagers publish to.
 *
 * @param serverUri the broker's listener for backend clients, e.g. {@code tcp://mqtt:1883}
 * @param username the backend account, or empty for a broker without authentication
 * @param password the backend account's password
 * @param connections subscriber connections per gateway instance; they share the load with every other instance.
 *     A device's messages reach Kafka in the order it sent them only while the group has a single connection: the
 *     broker hands a shared subscription's messages to its members in batches, and two members race
 * @param receiveMaximum unacknowledged messages the broker may send one connection: the bound on in-flight work, and
 *     the back-pressure that makes the broker hold messages while Kafka is slow or down
 * @param sessionExpiry how long the broker keeps a connection's session, and the messages for it, while the gateway
 *     is down
 * @param sharedGroup the shared subscription group every gateway instance joins
 * @param topicFilters what the group subscribes to; the default takes every topic under {@code massagers/} so that
 *     an unknown layout is dead-lettered rather than silently ignored
 * @param keepAlive the MQTT keep-alive interval
 */
@Validated
@ConfigurationProperties("massager.mqtt")
public record MqttProperties(
        @NotNull URI serverUri,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @Min(1) @Max(64) @DefaultValue("1") int connections,
        @Min(1) @Max(65535) @DefaultValue("128") int receiveMaximum,
        @NotNull @DefaultValue("1d") Duration sessionExpiry,
        @NotBlank @DefaultValue("device-gateway") String sharedGroup,
        @NotEmpty @DefaultValue("massagers/#") List<String> topicFilters,
        @NotNull @DefaultValue("30s") Duration keepAlive) {

    /** The filters as subscribed: each one in the shared group. */
    public List<String> sharedFilters() {
        return topicFilters.stream()
                .map(filter -> "$share/" + sharedGroup + "/" + filter)
                .toList();
    }
}
