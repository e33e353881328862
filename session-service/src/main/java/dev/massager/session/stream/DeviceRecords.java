package dev.massager.session.stream;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.session.sessions.DeviceMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * Reads the gateway's records: the device id from the key, the payload with the contract codec, and the receive
 * time and clock-skew flag from the headers. Anything that does not fit is a {@link PayloadException}, which the
 * error handler never retries.
 *
 * <p>Samples and events are read without the JSON Schema ({@link PayloadCodec#decodeWithoutSchema}): the gateway
 * checked each against it and wrote what the codec encodes, and the record constructors still check every field.
 * The schema took a quarter of this service's time while it consumed a backlog.
 */
@Component
public class DeviceRecords {

    private final PayloadCodec codec;

    DeviceRecords(PayloadCodec codec) {
        this.codec = codec;
    }

    /** A record of {@link KafkaTopics#TELEMETRY} or {@link KafkaTopics#DEVICE_EVENTS}. */
    public DeviceMessage deviceMessage(ConsumerRecord<String, byte[]> record) {
        String deviceId = deviceId(record);
        Object payload = switch (record.topic()) {
            case KafkaTopics.TELEMETRY -> codec.decodeWithoutSchema(record.value(), TelemetrySample.class);
            case KafkaTopics.DEVICE_EVENTS -> codec.decodeWithoutSchema(record.value(), DeviceEvent.class);
            default -> throw new IllegalArgumentException("not a device message topic: " + record.topic());
        };
        return new DeviceMessage(deviceId, payload, receivedAt(record), clockSkew(record));
    }

    /** A record of {@link KafkaTopics#DEVICE_STATUS}. */
    public ReportedStatus status(ConsumerRecord<String, byte[]> record) {
        return new ReportedStatus(
                deviceId(record), codec.decode(record.value(), DeviceStatus.class), receivedAt(record));
    }

    private static String deviceId(ConsumerRecord<String, byte[]> record) {
        return DeviceLimits.deviceId(record.key(), "key");
    }

    /** The gateway's receive time; the record's timestamp (producer time) for a record without the header. */
    private static Instant receivedAt(ConsumerRecord<String, byte[]> record) {
        String value = header(record, IngestHeaders.RECEIVED_AT);
        if (value == null) {
            return Instant.ofEpochMilli(record.timestamp());
        }
        try {
            return IngestHeaders.parseInstant(value);
        } catch (DateTimeParseException e) {
            throw new PayloadException(
                    RejectReason.INVALID_FORMAT,
                    null,
                    "header " + IngestHeaders.RECEIVED_AT + " is not an ISO-8601 instant: " + value,
                    e);
        }
    }

    private static boolean clockSkew(ConsumerRecord<String, byte[]> record) {
        return "true".equals(header(record, IngestHeaders.CLOCK_SKEW));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * A status as a device reported it.
     *
     * @param deviceId the device
     * @param status what it reported; {@code null} for a tombstone
     * @param receivedAt when the gateway received it
     */
    public record ReportedStatus(String deviceId, DeviceStatus status, Instant receivedAt) {}
}
