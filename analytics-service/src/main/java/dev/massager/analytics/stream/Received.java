package dev.massager.analytics.stream;

import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record's value with the time its producer sent it: the Kafka timestamp, set on the producer's side, not the
 * device's clock, which may be anything. A record without a timestamp counts as sent at the epoch, before anything.
 *
 * @param value what the record holds
 * @param sentAt when the record was sent
 */
public record Received<T>(T value, Instant sentAt) {

    public Received {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /** {@code value}, read from {@code record}, with the record's timestamp. */
    public static <T> Received<T> of(ConsumerRecord<?, ?> record, T value) {
        return new Received<>(value, record.timestamp() < 0 ? Instant.EPOCH : Instant.ofEpochMilli(record.timestamp()));
    }
}
