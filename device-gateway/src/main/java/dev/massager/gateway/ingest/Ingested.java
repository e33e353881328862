package dev.massager.gateway.ingest;

import dev.massager.common.RejectReason;
import dev.massager.common.topic.MqttTopic;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What one MQTT message became: the records to produce before the message may be acknowledged.
 *
 * @param kind the kind of the topic it arrived on, or {@code null} when the topic has no known layout
 * @param records the records to produce, in order: one per sample, event or status, or one dead letter
 * @param rejected why it went to the dead-letter topic, or {@code null} when it was accepted
 */
public record Ingested(MqttTopic.Kind kind, List<ProducerRecord<String, byte[]>> records, RejectReason rejected) {

    public Ingested {
        records = List.copyOf(records);
    }

    /** Why the message was refused, if it was. */
    public Optional<RejectReason> rejection() {
        return Optional.ofNullable(rejected);
    }
}
