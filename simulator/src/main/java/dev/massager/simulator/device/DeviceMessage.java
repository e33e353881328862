package dev.massager.simulator.device;

import dev.massager.common.device.TelemetrySample;
import dev.massager.common.topic.MqttTopic;
import java.time.Instant;

/**
 * One MQTT message a device publishes.
 *
 * @param topic where
 * @param payload the JSON
 * @param due when, in true time, the device sends it while connected
 * @param seq the device counter of the message, or of the last sample of a batch; -1 for a status
 * @param sample the sample a single telemetry message carries, kept so that a backlog can batch it without parsing
 *     the JSON again; null for any other message
 */
public record DeviceMessage(MqttTopic topic, byte[] payload, Instant due, long seq, TelemetrySample sample) {

    /** A message that is not a single telemetry sample. */
    public DeviceMessage(MqttTopic topic, byte[] payload, Instant due, long seq) {
        this(topic, payload, due, seq, null);
    }
}
