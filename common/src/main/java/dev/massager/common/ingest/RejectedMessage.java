package dev.massager.common.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.Require;
import dev.massager.common.device.DeviceLimits;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An MQTT message the gateway could not accept, keyed by device id (or {@value #UNKNOWN_DEVICE}) on {@code
 * massager.ingest-rejected.v1}: nothing is dropped silently. The payload is kept raw but bounded, so a flood
 * of junk cannot flood the topic; on the wire it is Base64.
 *
 * @param deviceId the device id from the topic, or {@value #UNKNOWN_DEVICE} when it could not be read
 * @param mqttTopic the topic as received, cut to {@value #MAX_TOPIC_LENGTH} characters
 * @param reason why it was refused
 * @param detail a human-readable explanation
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
        Require.text(deviceId, "deviceId", DeviceLimits.MAX_DEVICE_ID_LENGTH, null);
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
     * payload bytes and cuts an over-long topic, detail or field.
     *
     * @param deviceId the device id, or {@code null} / blank for {@value #UNKNOWN_DEVICE}
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
        return new RejectedMessage(
                deviceId == null || deviceId.isBlank() ? UNKNOWN_DEVICE : deviceId,
                cut(mqttTopic == null || mqttTopic.isEmpty() ? "(none)" : mqttTopic, MAX_TOPIC_LENGTH),
                reason,
                cut(detail == null || detail.isEmpty() ? reason.name() : detail, MAX_DETAIL_LENGTH),
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

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
