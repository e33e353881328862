package dev.massager.common.topic;

import dev.massager.common.RejectReason;
import dev.massager.common.device.DeviceLimits;

/**
 * A device topic, {@code massagers/{deviceId}/telemetry|events|status}. Devices may publish only under
 * their own id; this class checks the shape, the broker checks the identity.
 *
 * @param deviceId matches {@link DeviceLimits#DEVICE_ID}
 * @param kind which of the three topics
 */
public record MqttTopic(String deviceId, Kind kind) {

    /** The first topic level of every device topic. */
    public static final String ROOT = "massagers";

    /** Topics are echoed in error details: never echo more than this. */
    private static final int MAX_ECHO = 80;

    /** The last topic level, which says what the payload is. */
    public enum Kind {
        /** One sample or a batch of samples. */
        TELEMETRY("telemetry"),
        /** One device event. */
        EVENTS("events"),
        /** The retained ONLINE/OFFLINE status. */
        STATUS("status");

        private final String level;

        Kind(String level) {
            this.level = level;
        }

        /** The topic level, e.g. {@code telemetry}. */
        public String level() {
            return level;
        }

        /** The subscription filter for every device, e.g. {@code massagers/+/telemetry}. */
        public String filter() {
            return ROOT + "/+/" + level;
        }

        static Kind ofLevel(String level) {
            for (Kind kind : values()) {
                if (kind.level.equals(level)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public MqttTopic {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (!isValidDeviceId(deviceId)) {
            throw invalidDeviceId(deviceId);
        }
    }

    /** The topic of {@code kind} for {@code deviceId}. */
    public static MqttTopic of(String deviceId, Kind kind) {
        return new MqttTopic(deviceId, kind);
    }

    /**
     * Reads a topic the gateway received.
     *
     * @throws InvalidTopicException with {@link RejectReason#UNKNOWN_TOPIC} when the levels are not {@code
     *     massagers/{something}/telemetry|events|status}, or {@link RejectReason#INVALID_DEVICE_ID} when the
     *     middle level is not a valid device id
     */
    public static MqttTopic parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new InvalidTopicException(RejectReason.UNKNOWN_TOPIC, "empty topic");
        }
        int first = topic.indexOf('/');
        int last = topic.lastIndexOf('/');
        if (first < 0 || first == last || !ROOT.equals(topic.substring(0, first))) {
            throw unknownLayout(topic);
        }
        Kind kind = Kind.ofLevel(topic.substring(last + 1));
        String deviceId = topic.substring(first + 1, last);
        if (kind == null || deviceId.indexOf('/') >= 0) {
            throw unknownLayout(topic);
        }
        return new MqttTopic(deviceId, kind);
    }

    /** Whether {@code deviceId} matches {@link DeviceLimits#DEVICE_ID}. */
    public static boolean isValidDeviceId(String deviceId) {
        return deviceId != null && DeviceLimits.DEVICE_ID.matcher(deviceId).matches();
    }

    /** The topic string, e.g. {@code massagers/m-0042/telemetry}. */
    public String topic() {
        return ROOT + "/" + deviceId + "/" + kind.level();
    }

    @Override
    public String toString() {
        return topic();
    }

    private static InvalidTopicException unknownLayout(String topic) {
        return new InvalidTopicException(
                RejectReason.UNKNOWN_TOPIC,
                "expected massagers/{deviceId}/telemetry|events|status, got '" + echo(topic) + "'");
    }

    private static InvalidTopicException invalidDeviceId(String deviceId) {
        return new InvalidTopicException(
                RejectReason.INVALID_DEVICE_ID,
                "device id must match " + DeviceLimits.DEVICE_ID.pattern() + ", got '" + echo(deviceId) + "'");
    }

    private static String echo(String text) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= MAX_ECHO) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ECHO - 1)) ? MAX_ECHO - 1 : MAX_ECHO;
        return text.substring(0, end) + "…";
    }
}
