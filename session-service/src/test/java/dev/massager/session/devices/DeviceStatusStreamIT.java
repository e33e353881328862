package dev.massager.session.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.session.SessionServiceIntegrationTest;
import dev.massager.session.support.DeviceStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

@SessionServiceIntegrationTest
class DeviceStatusStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void shouldKeepTheLatestStatusByReceiveTimeWhateverTheDeviceClockSays() {
        String device = "m-" + UUID.randomUUID();
        String marker = onTheSamePartitionAs(device);
        Instant now = Instant.now();
        Instant connected = now.minusSeconds(600);
        DeviceStream stream = new DeviceStream(kafka);
        var online = stream.record(
                device,
                new DeviceStatus(DeviceState.ONLINE, connected.plusSeconds(1), "2.3.1"),
                now.minusSeconds(60),
                false);

        stream.send(List.of(
                online,
                // the Last Will carries the time the device connected: older than the ONLINE it sent after
                stream.record(device, new DeviceStatus(DeviceState.OFFLINE, connected, "2.3.1"), now, false),
                // the ONLINE record once more, as a redelivery
                online,
                stream.record(marker, new DeviceStatus(DeviceState.ONLINE, now, "2.4.0"))));

        // the marker is behind the device's records in the same partition: once it is in, they have been processed
        await().atMost(WAIT).until(() -> status(marker) != null);
        Map<String, Object> status = status(device);
        assertThat(status).containsEntry("state", "OFFLINE").containsEntry("firmware", "2.3.1");
    }

    @Test
    void shouldSkipATombstone() {
        String device = "m-" + UUID.randomUUID();
        String marker = onTheSamePartitionAs(device);
        DeviceStream stream = new DeviceStream(kafka);
        stream.send(List.of(stream.record(device, new DeviceStatus(DeviceState.ONLINE, Instant.now(), "2.3.1"))));

        stream.sendRaw(KafkaTopics.DEVICE_STATUS, device, null);
        stream.send(List.of(stream.record(marker, new DeviceStatus(DeviceState.ONLINE, Instant.now(), "2.4.0"))));

        await().atMost(WAIT).until(() -> status(marker) != null);
        assertThat(status(device)).containsEntry("state", "ONLINE");
    }

    /** A device id whose records go to the same partition as {@code device}'s (Kafka's default partitioner). */
    private String onTheSamePartitionAs(String device) {
        int partitions = kafka.partitionsFor(KafkaTopics.DEVICE_STATUS).size();
        int partition = partition(device, partitions);
        while (true) {
            String candidate = "m-" + UUID.randomUUID();
            if (partition(candidate, partitions) == partition) {
                return candidate;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    void shouldDeadLetterAStatusThatCannotBeReadAndGoOn() {
        String device = "m-" + UUID.randomUUID();
        DeviceStream stream = new DeviceStream(kafka);

        try (TopicReader deadLetters =
                new TopicReader(bootstrapServers, KafkaTopics.deadLetter(KafkaTopics.DEVICE_STATUS), device::equals)) {
            stream.sendRaw(
                    KafkaTopics.DEVICE_STATUS,
                    device,
                    "{\"v\":1,\"state\":\"ASLEEP\",\"ts\":\"2026-11-21T21:13:50Z\"}".getBytes(StandardCharsets.UTF_8));
            stream.send(List.of(stream.record(device, new DeviceStatus(DeviceState.ONLINE, Instant.now(), "2.3.1"))));

            await().atMost(WAIT).until(() -> status(device) != null);
            await().atMost(WAIT).until(() -> deadLetters.poll().size() == 1);
            assertThat(new String(
                            deadLetters
                                    .poll()
                                    .get(0)
                                    .headers()
                                    .lastHeader("kafka_dlt-exception-message")
                                    .value(),
                            StandardCharsets.UTF_8))
                    .contains("/state");
        }
    }

    private Map<String, Object> status(String device) {
        return jdbc
                .sql("select state, firmware from device_statuses where device_id = ?")
                .param(device)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
    }
}
