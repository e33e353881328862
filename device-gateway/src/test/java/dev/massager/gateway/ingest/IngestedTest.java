package dev.massager.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.massager.common.RejectReason;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.common.topic.MqttTopic.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IngestedTest {

    private static ProducerRecord<String, byte[]> record(String topic, String key) {
        return new ProducerRecord<>(topic, key, new byte[] {1});
    }

    @Nested
    class Accepted {

        @Test
        void shouldHaveNoRejection() {
            Ingested ingested = new Ingested(Kind.TELEMETRY, List.of(record(KafkaTopics.TELEMETRY, "m-0042")), null);

            assertThat(ingested.rejection()).isEmpty();
            assertThat(ingested.rejected()).isNull();
            assertThat(ingested.kind()).isEqualTo(Kind.TELEMETRY);
        }
    }

    @Nested
    class Rejected {

        @Test
        void shouldSayWhy() {
            Ingested ingested = new Ingested(
                    Kind.EVENTS, List.of(record(KafkaTopics.INGEST_REJECTED, "m-0042")), RejectReason.TOPIC_MISMATCH);

            assertThat(ingested.rejection()).contains(RejectReason.TOPIC_MISMATCH);
            assertThat(ingested.kind()).isEqualTo(Kind.EVENTS);
        }

        @Test
        void shouldAllowNoKindForATopicOfUnknownLayout() {
            Ingested ingested = new Ingested(
                    null, List.of(record(KafkaTopics.INGEST_REJECTED, "unknown")), RejectReason.UNKNOWN_TOPIC);

            assertThat(ingested.kind()).isNull();
            assertThat(ingested.rejection()).contains(RejectReason.UNKNOWN_TOPIC);
        }
    }

    @Nested
    class Records {

        @Test
        void shouldKeepTheRecordsInOrder() {
            var first = record(KafkaTopics.TELEMETRY, "m-0042");
            var second = record(KafkaTopics.TELEMETRY, "m-0042");
            var third = record(KafkaTopics.TELEMETRY, "m-0042");

            Ingested ingested = new Ingested(Kind.TELEMETRY, List.of(first, second, third), null);

            assertThat(ingested.records()).containsExactly(first, second, third);
        }

        @Test
        void shouldNotFollowChangesToTheListItWasGiven() {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            records.add(record(KafkaTopics.TELEMETRY, "m-0042"));
            Ingested ingested = new Ingested(Kind.TELEMETRY, records, null);

            records.add(record(KafkaTopics.TELEMETRY, "m-0042"));
            records.clear();

            assertThat(ingested.records()).hasSize(1);
        }

        @Test
        void shouldNotLetItsRecordsBeChanged() {
            Ingested ingested = new Ingested(Kind.STATUS, List.of(record(KafkaTopics.DEVICE_STATUS, "m-0042")), null);

            assertThatThrownBy(() -> ingested.records().clear()).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void shouldRequireRecords() {
            assertThatNullPointerException().isThrownBy(() -> new Ingested(Kind.TELEMETRY, null, null));
        }
    }
}
