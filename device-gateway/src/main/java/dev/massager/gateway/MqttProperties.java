package dev.massager.gateway;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway finds the MQTT broker the massagers publish to.
 *
 * @param serverUri the broker's listener for backend clients, e.g. {@code tcp://mqtt:1883}
 */
@Validated
@ConfigurationProperties("massager.mqtt")
record MqttProperties(@NotNull URI serverUri) {}
