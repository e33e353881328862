package dev.massager.bench.sessions;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.common.topic.MqttTopic;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka record the gateway writes for one sample or event of a device (DESIGN §4), made from the contracts in
 * {@code common}: keyed by the device id, the payload encoded by the one contract codec (as the gateway re-encodes
 * what it received), and the gateway's headers: the MQTT topic, the receive time, the instance, the clock-skew flag.
 */
final class GatewayRecords {

    private static final byte[] NOT_SKEWED = "false".getBytes(UTF_8);

    private final PayloadCodec codec;
    private final byte[] instance;

    /** @param instance what the records name as the gateway instance that wrote them */
    GatewayRecords(PayloadCodec codec, String instance) {
        this.codec = codec;
        this.instance = instance.getBytes(UTF_8);
    }

    /**
     * The record of {@code message}, received by the gateway at {@code receivedAt}: a moment after the device time,
     * so the clock-skew flag is {@code false}.
     */
    ProducerRecord<String, byte[]> record(FleetTraffic.Message message, Instant receivedAt) {
        boolean sample = message.isSample();
        MqttTopic topic = MqttTopic.of(message.deviceId(), sample ? MqttTopic.Kind.TELEMETRY : MqttTopic.Kind.EVENTS);
        RecordHeaders headers = new RecordHeaders();
        headers.add(IngestHeaders.MQTT_TOPIC, topic.topic().getBytes(UTF_8));
        headers.add(IngestHeaders.RECEIVED_AT, receivedAt.toString().getBytes(UTF_8));
        headers.add(IngestHeaders.GATEWAY_INSTANCE, instance);
        headers.add(IngestHeaders.CLOCK_SKEW, NOT_SKEWED);
        return new ProducerRecord<>(
                sample ? KafkaTopics.TELEMETRY : KafkaTopics.DEVICE_EVENTS,
                null,
                message.deviceId(),
                codec.encode(message.payload()),
                headers);
    }
}
