package dev.massager.simulator.device;

import dev.massager.common.topic.MqttTopic;
import java.time.Instant;

/**
 * One MQTT message a device publishes.
 *
 * @param topic where
 * @param payload the JSON
 * @param due when, in true time, the device sends it while connected
 * @param seq the device counter of the message, or of the last sample of a batch; -1 for a status
 */
public record DeviceMessage(MqttTopic topic, byte[] payload, Instant due, long seq) {}
