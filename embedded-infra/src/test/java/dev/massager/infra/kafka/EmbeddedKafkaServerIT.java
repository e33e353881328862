package dev.massager.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.infra.Ports;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaServerIT {

    @Test
    void shouldAutoCreateTopicsOnAFixedPortUntilClosed() throws Exception {
        int port = Ports.free();
        TopicDescription created;

        try (EmbeddedKafkaServer kafka =
                EmbeddedKafkaServer.builder().port(port).start()) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("massager.auto-created", "device-1", "sample"))
                        .get(30, TimeUnit.SECONDS);
            }
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                created = admin.describeTopics(List.of("massager.auto-created"))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get("massager.auto-created");
            }
        }

        assertThat(created.partitions()).hasSize(EmbeddedKafkaServer.DEFAULT_PARTITIONS);
        Ports.assertClosed(port);
    }
}
