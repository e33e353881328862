package dev.massager.session;

import dev.massager.common.codec.PayloadCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.core.env.Environment;

/**
 * Reads a whole topic from the beginning without a consumer group, keeping what arrives so a test can ask for the
 * records of its own key. Use it with Awaitility: each call polls once more.
 */
public final class TopicReader implements AutoCloseable {

    private static final PayloadCodec codec = new PayloadCodec();

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(Environment environment, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything read so far under {@code key}, decoded as {@code type}, in the order of the partition. */
    public <T> List<T> values(String key, Class<T> type) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> codec.decode(record.value(), type))
                .toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
