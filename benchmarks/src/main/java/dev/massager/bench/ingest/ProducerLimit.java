package dev.massager.bench.ingest;

import dev.massager.common.topic.KafkaTopics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's own producer throughput on this machine for records such as the gateway writes: one of the gateway's records
 * (value and headers) sent again and again, keyed by as many devices, with the gateway's producer settings, as fast as
 * the producer takes them.
 */
final class ProducerLimit {

    /**
     * What the producer did.
     *
     * @param records records acknowledged
     * @param recordBytes the size of one record's value and headers
     * @param perSecond records acknowledged per second
     */
    record Result(long records, int recordBytes, double perSecond) {}

    private ProducerLimit() {}

    /**
     * Sends for {@code duration} and counts what Kafka acknowledged.
     *
     * @param bootstrapServers the broker
     * @param producerSettings the gateway's producer settings (acks, idempotence, compression, linger)
     * @param devices keys to spread the records over
     */
    static Result measure(String bootstrapServers, Map<String, Object> producerSettings, int devices, Duration duration)
            throws InterruptedException {
        ConsumerRecord<String, byte[]> sample = aGatewayRecord(bootstrapServers);
        int recordBytes = sample.value().length;
        for (var header : sample.headers()) {
            recordBytes += header.key().length() + header.value().length;
        }
        Map<String, Object> settings = new java.util.HashMap<>(producerSettings);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        String[] keys = new String[devices];
        for (int i = 0; i < devices; i++) {
            keys[i] = String.format("bench-%04d", i + 1);
        }
        long started;
        long ended;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            // A first round, not counted, so that the producer has its metadata and connections.
            producer.send(new ProducerRecord<>(KafkaTopics.TELEMETRY, keys[0], sample.value()))
                    .get();
            started = System.nanoTime();
            long until = started + duration.toNanos();
            long startCount = acknowledged.get();
            for (long k = 0; System.nanoTime() < until && failure.get() == null; k++) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                        KafkaTopics.TELEMETRY, null, keys[(int) (k % devices)], sample.value(), sample.headers());
                producer.send(record, (metadata, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            ended = System.nanoTime();
            if (failure.get() != null) {
                throw new IllegalStateException("Kafka refused a record", failure.get());
            }
            long records = acknowledged.get() - startCount;
            return new Result(records, recordBytes, records / ((ended - started) / 1e9));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record", e.getCause());
        }
    }

    /** One record the gateway wrote to the telemetry topic. */
    private static ConsumerRecord<String, byte[]> aGatewayRecord(String bootstrapServers) {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            for (var info : consumer.partitionsFor(KafkaTopics.TELEMETRY, Duration.ofSeconds(30))) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                long end = consumer.endOffsets(java.util.List.of(partition)).get(partition);
                if (end > 0) {
                    consumer.assign(java.util.List.of(partition));
                    consumer.seek(partition, end - 1);
                    for (int attempt = 0; attempt < 50; attempt++) {
                        var records = consumer.poll(Duration.ofMillis(200));
                        if (!records.isEmpty()) {
                            return records.iterator().next();
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("No record of the gateway on " + KafkaTopics.TELEMETRY + " to measure with");
    }
}
