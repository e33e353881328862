package dev.massager.analytics.devices;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.ingest.IngestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * Reads the gateway's records: the device id from the key, the payload with the contract codec, the receive time
 * from its header. Anything that does not fit is a {@link PayloadException}, which is dead-lettered at once.
 */
@Component
class DeviceRecords {

    private final PayloadCodec codec;

    DeviceRecords(PayloadCodec codec) {
        this.codec = codec;
    }

    /** A record of the status topic; a tombstone (no value) gives a status of {@code null}. */
    ReportedStatus status(ConsumerRecord<String, byte[]> record) {
        DeviceStatus status = record.value() == null ? null : codec.decode(record.value(), DeviceStatus.class);
        return new ReportedStatus(deviceId(record), status, receivedAt(record));
    }

    /** A record of the device events topic. */
    ReportedEvent event(ConsumerRecord<String, byte[]> record) {
        return new ReportedEvent(deviceId(record), codec.decode(record.value(), DeviceEvent.class));
    }

    private static String deviceId(ConsumerRecord<String, byte[]> record) {
        return DeviceLimits.deviceId(record.key(), "key");
    }

    /** The gateway's receive time; the record's timestamp for a record without the header. */
    private static Instant receivedAt(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(IngestHeaders.RECEIVED_AT);
        if (header == null || header.value() == null) {
            return Instant.ofEpochMilli(record.timestamp());
        }
        String value = new String(header.value(), StandardCharsets.UTF_8);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new PayloadException(
                    RejectReason.INVALID_FORMAT,
                    null,
                    "header " + IngestHeaders.RECEIVED_AT + " is not an ISO-8601 instant: " + value,
                    e);
        }
    }

    /**
     * @param deviceId the device
     * @param status what it reported; {@code null} for a tombstone
     * @param receivedAt when the gateway received it
     */
    record ReportedStatus(String deviceId, DeviceStatus status, Instant receivedAt) {}

    /**
     * @param deviceId the device
     * @param event what it reported
     */
    record ReportedEvent(String deviceId, DeviceEvent event) {}
}
