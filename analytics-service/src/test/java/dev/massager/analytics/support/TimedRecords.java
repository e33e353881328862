package dev.massager.analytics.support;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.session.SessionSummary;
import dev.massager.common.topic.KafkaTopics;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes contract records to Kafka like {@link Records}, keyed the same way, but with the record timestamp given: the
 * time session-service would have sent them, whatever the device's clock says in the payload.
 */
public final class TimedRecords {

    private final KafkaTemplate<String, byte[]> kafka;
    private final PayloadCodec codec = new PayloadCodec();

    public TimedRecords(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** {@code summary}, sent at {@code sentAt}. */
    public void send(SessionSummary summary, Instant sentAt) {
        send(KafkaTopics.SESSIONS, summary.userId(), codec.encode(summary), sentAt);
    }

    /** {@code entry}, sent at {@code sentAt}. */
    public void send(CrampNight entry, Instant sentAt) {
        send(KafkaTopics.CRAMP_NIGHTS, entry.userId(), codec.encode(entry), sentAt);
    }

    private void send(String topic, String key, byte[] value, Instant sentAt) {
        kafka.send(new ProducerRecord<>(topic, null, sentAt.toEpochMilli(), key, value))
                .join();
    }
}
