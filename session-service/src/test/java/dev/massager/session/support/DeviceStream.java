package dev.massager.session.support;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.topic.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Writes device records to Kafka the way the gateway does: keyed by device id, with its headers. */
public final class DeviceStream {

    private final KafkaTemplate<String, byte[]> kafka;
    private final PayloadCodec codec = new PayloadCodec();

    public DeviceStream(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** The record the gateway would produce for {@code payload} (a sample, an event or a status). */
    public ProducerRecord<String, byte[]> record(String deviceId, Object payload, Instant receivedAt, boolean skew) {
        String topic;
        if (payload instanceof TelemetrySample) {
            topic = KafkaTopics.TELEMETRY;
        } else if (payload instanceof DeviceEvent) {
            topic = KafkaTopics.DEVICE_EVENTS;
        } else if (payload instanceof DeviceStatus) {
            topic = KafkaTopics.DEVICE_STATUS;
        } else {
            throw new IllegalArgumentException("not a device payload: " + payload);
        }
        var record = new ProducerRecord<>(topic, deviceId, codec.encode(payload));
        record.headers().add(IngestHeaders.RECEIVED_AT, receivedAt.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(IngestHeaders.CLOCK_SKEW, Boolean.toString(skew).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The record for {@code payload}, received now, clock fine. */
    public ProducerRecord<String, byte[]> record(String deviceId, Object payload) {
        return record(deviceId, payload, Instant.now(), false);
    }

    /** Sends the records in order and waits until Kafka acknowledged all of them. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        CompletableFuture.allOf(records.stream().map(kafka::send).toArray(CompletableFuture[]::new))
                .join();
    }

    /** Sends raw bytes, as a broken or hostile producer would. */
    public void sendRaw(String topic, String key, byte[] value) {
        kafka.send(new ProducerRecord<>(topic, key, value)).join();
    }
}
