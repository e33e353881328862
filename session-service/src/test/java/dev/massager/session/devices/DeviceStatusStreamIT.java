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
    void shouldKeepTheLatestStatusByDeviceTimeWhateverTheArrivalOrder() {
        String device = "m-" + UUID.randomUUID();
        String marker = "m-" + UUID.randomUUID();
        Instant now = Instant.now();
        DeviceStream stream = new DeviceStream(kafka);

        stream.send(List.of(
                stream.record(device, new DeviceStatus(DeviceState.ONLINE, now.minusSeconds(60), "2.3.1")),
                stream.record(device, new DeviceStatus(DeviceState.OFFLINE, now.minusSeconds(30), "2.3.1")),
                // a redelivered older status arrives last
                stream.record(device, new DeviceStatus(DeviceState.ONLINE, now.minusSeconds(60), "2.3.1")),
                stream.record(marker, new DeviceStatus(DeviceState.ONLINE, now, "2.4.0"))));

        await().atMost(WAIT).until(() -> status(marker) != null);
        Map<String, Object> status = status(device);
        assertThat(status).containsEntry("state", "OFFLINE").containsEntry("firmware", "2.3.1");
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
