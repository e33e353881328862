package dev.massager.gateway.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.ingest.RejectedMessage;
import dev.massager.common.topic.InvalidTopicException;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.common.topic.MqttTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns one MQTT message into the Kafka records it stands for, or into one dead letter: pure, thread-safe, no I/O.
 *
 * <p>Every record is keyed by the device id, so a device's messages stay in order on one partition, and carries the
 * MQTT topic, the receive time, this gateway instance and a clock-skew flag as headers. A telemetry batch becomes one
 * record per sample. Values are the contract records re-encoded, so consumers see one normalised form (UTC
 * timestamps, no unknown fields) whatever the device sent.
 */
public final class IngestMapping {

    private static final byte[] SKEWED = Boolean.toString(true).getBytes(UTF_8);
    private static final byte[] NOT_SKEWED = Boolean.toString(false).getBytes(UTF_8);

    private final PayloadCodec codec;
    private final ClockSkewBounds clockSkew;
    private final byte[] gatewayInstance;

    public IngestMapping(PayloadCodec codec, ClockSkewBounds clockSkew, String gatewayInstance) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.gatewayInstance =
                Objects.requireNonNull(gatewayInstance, "gatewayInstance").getBytes(UTF_8);
    }

    /**
     * The records for one message.
     *
     * @param mqttTopic the topic it was published on
     * @param payload its bytes, as received
     * @param receivedAt when the gateway received it
     */
    public Ingested map(String mqttTopic, byte[] payload, Instant receivedAt) {
        try {
            return mapOrFail(mqttTopic, payload, receivedAt);
        } catch (RuntimeException e) {
            // Redelivering a message this code cannot map would only fail again, forever.
            return reject(
                    null,
                    deviceLevel(mqttTopic),
                    mqttTopic,
                    payload,
                    receivedAt,
                    RejectReason.INTERNAL_ERROR,
                    "the gateway failed on this message: " + e,
                    null);
        }
    }

    private Ingested mapOrFail(String mqttTopic, byte[] payload, Instant receivedAt) {
        MqttTopic topic;
        try {
            topic = MqttTopic.parse(mqttTopic);
        } catch (InvalidTopicException e) {
            return reject(null, deviceLevel(mqttTopic), mqttTopic, payload, receivedAt, e.reason(), e.detail(), null);
        }
        try {
            return new Ingested(topic.kind(), records(topic, payload, receivedAt), null);
        } catch (PayloadException e) {
            PayloadException reason = mismatch(topic.kind(), payload).orElse(e);
            return reject(
                    topic.kind(),
                    topic.deviceId(),
                    mqttTopic,
                    payload,
                    receivedAt,
                    reason.reason(),
                    reason.detail(),
                    reason.field().orElse(null));
        }
    }

    private List<ProducerRecord<String, byte[]>> records(MqttTopic topic, byte[] payload, Instant receivedAt) {
        // The same for every record of the message, a batch's 500 samples included.
        Provenance provenance = provenance(topic.topic(), receivedAt);
        return switch (topic.kind()) {
            case TELEMETRY -> {
                List<TelemetrySample> samples = codec.decodeTelemetry(payload);
                List<ProducerRecord<String, byte[]>> records = new ArrayList<>(samples.size());
                for (TelemetrySample sample : samples) {
                    records.add(record(KafkaTopics.TELEMETRY, topic, codec.encode(sample), provenance, sample.ts()));
                }
                yield records;
            }
            case EVENTS -> {
                DeviceEvent event = codec.decode(payload, DeviceEvent.class);
                yield List.of(record(KafkaTopics.DEVICE_EVENTS, topic, codec.encode(event), provenance, event.ts()));
            }
            case STATUS -> {
                DeviceStatus status = codec.decode(payload, DeviceStatus.class);
                yield List.of(record(KafkaTopics.DEVICE_STATUS, topic, codec.encode(status), provenance, status.ts()));
            }
        };
    }

    /**
     * When a payload fails on its own topic but is a valid payload of another kind, the honest reason is that topic
     * and payload disagree, not the first schema rule it broke. Only refused payloads pay for this second look.
     */
    private Optional<PayloadException> mismatch(MqttTopic.Kind kind, byte[] payload) {
        for (MqttTopic.Kind other : MqttTopic.Kind.values()) {
            if (other != kind && decodesAs(other, payload)) {
                return Optional.of(new PayloadException(
                        RejectReason.TOPIC_MISMATCH,
                        null,
                        "a valid " + other.level() + " payload published on a " + kind.level() + " topic"));
            }
        }
        return Optional.empty();
    }

    private boolean decodesAs(MqttTopic.Kind kind, byte[] payload) {
        try {
            switch (kind) {
                case TELEMETRY -> codec.decodeTelemetry(payload);
                case EVENTS -> codec.decode(payload, DeviceEvent.class);
                case STATUS -> codec.decode(payload, DeviceStatus.class);
            }
            return true;
        } catch (PayloadException e) {
            return false;
        }
    }

    private ProducerRecord<String, byte[]> record(
            String kafkaTopic, MqttTopic topic, byte[] value, Provenance provenance, Instant deviceTime) {
        RecordHeaders headers = headers(provenance);
        headers.add(
                IngestHeaders.CLOCK_SKEW,
                clockSkew.isSkewed(deviceTime, provenance.receivedAt()) ? SKEWED : NOT_SKEWED);
        return new ProducerRecord<>(kafkaTopic, null, topic.deviceId(), value, headers);
    }

    private Ingested reject(
            MqttTopic.Kind kind,
            String deviceId,
            String mqttTopic,
            byte[] payload,
            Instant receivedAt,
            RejectReason reason,
            String detail,
            String field) {
        RejectedMessage rejected = RejectedMessage.of(
                deviceId, mqttTopic == null ? "" : mqttTopic, reason, detail, field, receivedAt, payload);
        var record = new ProducerRecord<>(
                KafkaTopics.INGEST_REJECTED,
                null,
                rejected.deviceId(),
                codec.encode(rejected),
                headers(provenance(rejected.mqttTopic(), receivedAt)));
        return new Ingested(kind, List.of(record), reason);
    }

    private RecordHeaders headers(Provenance provenance) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(IngestHeaders.MQTT_TOPIC, provenance.mqttTopic());
        headers.add(IngestHeaders.RECEIVED_AT, provenance.receivedAtText());
        headers.add(IngestHeaders.GATEWAY_INSTANCE, gatewayInstance);
        return headers;
    }

    private static Provenance provenance(String mqttTopic, Instant receivedAt) {
        return new Provenance(
                mqttTopic.getBytes(UTF_8), receivedAt, receivedAt.toString().getBytes(UTF_8));
    }

    /**
     * Where and when a message came in, as its records' headers carry it: written once per message and shared by
     * its records, as the gateway instance is by all records. Header values are never changed once added.
     */
    private record Provenance(byte[] mqttTopic, Instant receivedAt, byte[] receivedAtText) {}

    /**
     * The device level of a {@code massagers/...} topic that did not parse, the best guess at who sent it; {@code
     * null} for any other topic. {@link RejectedMessage#of} turns an invalid id into the unknown device.
     */
    private static String deviceLevel(String mqttTopic) {
        if (mqttTopic == null || !mqttTopic.startsWith(MqttTopic.ROOT + "/")) {
            return null;
        }
        String[] levels = mqttTopic.split("/", 3);
        return levels.length >= 2 ? levels[1] : null;
    }
}
