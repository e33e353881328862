package dev.massager.common.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.Require;
import dev.massager.common.device.DeviceLimits;
import dev.massager.common.topic.MqttTopic;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An MQTT message the gateway could not accept, keyed by device id (or {@value #UNKNOWN_DEVICE}) on {@code
 * massager.ingest-rejected.v1}: nothing is dropped silently. The payload is kept raw but bounded, so a flood
 * of junk cannot flood the topic; on the wire it is Base64.
 *
 * @param deviceId the device id from the topic (matching {@link DeviceLimits#DEVICE_ID}), or {@value
 *     #UNKNOWN_DEVICE} when there is none or it is malformed
 * @param mqttTopic the topic as received, cut to {@value #MAX_TOPIC_LENGTH} characters
 * @param reason why it was refused
 * @param detail a human-readable explanation, at most {@value #MAX_DETAIL_LENGTH} characters
 * @param field the field at fault as a JSON Pointer, or {@code null}; at most {@value #MAX_FIELD_LENGTH}
 *     characters
 * @param receivedAt when the gateway received it
 * @param payload the first bytes of the payload, at most {@value #MAX_KEPT_PAYLOAD_BYTES}
 * @param truncated whether bytes were cut off
 * @param originalSize the payload size as received, in bytes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedMessage(
        String deviceId,
        String mqttTopic,
        RejectReason reason,
        String detail,
        String field,
        Instant receivedAt,
        byte[] payload,
        @JsonProperty(required = true) boolean truncated,
        @JsonProperty(required = true) int originalSize) {

    /** The device id, and the Kafka key, when the topic names no valid device. */
    public static final String UNKNOWN_DEVICE = "unknown";

    public static final int MAX_KEPT_PAYLOAD_BYTES = 16 * 1024;
    public static final int MAX_TOPIC_LENGTH = 256;
    public static final int MAX_DETAIL_LENGTH = 500;
    public static final int MAX_FIELD_LENGTH = 256;

    public RejectedMessage {
        DeviceLimits.deviceId(deviceId, "deviceId");
        Require.text(mqttTopic, "mqttTopic", MAX_TOPIC_LENGTH, null);
        Require.present(reason, "reason");
        Require.text(detail, "detail", MAX_DETAIL_LENGTH, null);
        if (field != null) {
            Require.between(field.length(), 0, MAX_FIELD_LENGTH, "field");
        }
        Require.present(receivedAt, "receivedAt");
        payload = Require.present(payload, "payload").clone();
        Require.between(payload.length, 0, MAX_KEPT_PAYLOAD_BYTES, "payload");
        Require.between(originalSize, payload.length, Integer.MAX_VALUE, "originalSize");
        if (truncated != (originalSize > payload.length)) {
            throw new PayloadException(
                    RejectReason.OUT_OF_RANGE, "/truncated", "truncated must say whether originalSize > kept bytes");
        }
    }

    /**
     * A rejected message from what the gateway has at hand: keeps the first {@value #MAX_KEPT_PAYLOAD_BYTES}
     * payload bytes and cuts an over-long topic, detail or field. It does not throw for a bad device id: the
     * dead-letter path must not fail on the input it exists to record.
     *
     * @param deviceId the device id; {@code null}, blank or malformed becomes {@value #UNKNOWN_DEVICE}, and
     *     a malformed one is quoted in the detail unless the topic already shows it
     * @param field the field at fault, or {@code null}
     */
    public static RejectedMessage of(
            String deviceId,
            String mqttTopic,
            RejectReason reason,
            String detail,
            String field,
            Instant receivedAt,
            byte[] rawPayload) {
        byte[] raw = rawPayload == null ? new byte[0] : rawPayload;
        byte[] kept = raw.length <= MAX_KEPT_PAYLOAD_BYTES ? raw : Arrays.copyOf(raw, MAX_KEPT_PAYLOAD_BYTES);
        boolean validId = MqttTopic.isValidDeviceId(deviceId);
        String topic = cut(mqttTopic == null || mqttTopic.isEmpty() ? "(none)" : mqttTopic, MAX_TOPIC_LENGTH);
        String explanation = detail == null || detail.isEmpty() ? reason.name() : detail;
        if (!validId && deviceId != null && !deviceId.isBlank() && !topic.contains(deviceId)) {
            // After the explanation, so a huge id is what gets cut.
            explanation += " (device id '" + deviceId + "')";
        }
        return new RejectedMessage(
                validId ? deviceId : UNKNOWN_DEVICE,
                topic,
                reason,
                cut(explanation, MAX_DETAIL_LENGTH),
                field == null ? null : cut(field, MAX_FIELD_LENGTH),
                receivedAt,
                kept,
                kept.length < raw.length,
                raw.length);
    }

    /** A copy of the kept payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RejectedMessage that
                && deviceId.equals(that.deviceId)
                && mqttTopic.equals(that.mqttTopic)
                && reason == that.reason
                && detail.equals(that.detail)
                && Objects.equals(field, that.field)
                && receivedAt.equals(that.receivedAt)
                && Arrays.equals(payload, that.payload)
                && truncated == that.truncated
                && originalSize == that.originalSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, mqttTopic, reason, detail, field, receivedAt, truncated, originalSize) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RejectedMessage[deviceId=" + deviceId + ", mqttTopic=" + mqttTopic + ", reason=" + reason
                + ", detail=" + detail + ", field=" + field + ", receivedAt=" + receivedAt + ", payload="
                + payload.length + " bytes, truncated=" + truncated + ", originalSize=" + originalSize + "]";
    }

    /** At most {@code max} characters, never ending in half a surrogate pair (an emoji, say). */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
