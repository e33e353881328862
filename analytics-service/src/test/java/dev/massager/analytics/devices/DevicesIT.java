package dev.massager.analytics.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.devices.DeviceFaults.FaultCount;
import dev.massager.analytics.support.Records;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.Fault;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

@AnalyticsIntegrationTest
class DevicesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeviceFaults faults;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    Records records;
    String device;

    @BeforeEach
    void setUp() {
        records = new Records(kafka);
        device = "m-" + UUID.randomUUID();
    }

    @Test
    void shouldKeepTheLatestStatusByReceiveTimeWhateverTheDeviceClockSays() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant connected = now.minusSeconds(600);
        var online = new DeviceStatus(DeviceState.ONLINE, connected.plusSeconds(1), "2.3.1");
        records.sendDevice(device, online, now.minusSeconds(60));
        // the Last Will carries the time the device connected, older than the ONLINE it sent after
        records.sendDevice(device, new DeviceStatus(DeviceState.OFFLINE, connected, "2.3.1"), now);
        // the ONLINE record once more, as a redelivery
        records.sendDevice(device, online, now.minusSeconds(60));
        String marker = onTheSamePartitionAs(device);
        records.sendDevice(marker, new DeviceStatus(DeviceState.ONLINE, now, "2.4.0"), now);

        // the marker is behind the device's records in the same partition: once it is in, they have been processed
        await().atMost(WAIT).until(() -> status(marker) != null);
        assertThat(status(device))
                .containsEntry("state", "OFFLINE")
                .containsEntry("firmware", "2.3.1")
                .containsEntry("received_at", Timestamp.from(now));
    }

    @Test
    void shouldCountFaultsByTheFirmwareTheDeviceLastReported() {
        Instant now = Instant.now();
        // a fault before any status: firmware unknown
        records.sendDevice(device, new Fault(1, now, FaultCode.LEAK, null), now);
        await().atMost(WAIT).until(() -> faultCount() == 1);
        records.sendDevice(device, new DeviceStatus(DeviceState.ONLINE, now, "9.9." + device.hashCode()), now);
        await().atMost(WAIT).until(() -> status(device) != null);

        records.sendDevice(device, new SessionStarted(2, now, "s-1", Mode.WAVE, 2, Heat.LOW, 15, "2.3.1"), now);
        records.sendDevice(device, new Fault(3, now, FaultCode.OVERHEAT, "s-1"), now);
        records.sendDevice(device, new Fault(4, now, FaultCode.OVERHEAT, "s-1"), now);
        // a redelivery of the same fault
        records.sendDevice(device, new Fault(4, now, FaultCode.OVERHEAT, "s-1"), now);
        records.sendDevice(device, new Fault(5, now, FaultCode.PUMP, null), now);

        await().atMost(WAIT).until(() -> faultCount() == 4);
        assertThat(faults.countsByFirmware())
                .filteredOn(count -> ("9.9." + device.hashCode()).equals(count.firmware()))
                .containsExactly(
                        new FaultCount("9.9." + device.hashCode(), FaultCode.OVERHEAT, 2, 1),
                        new FaultCount("9.9." + device.hashCode(), FaultCode.PUMP, 1, 1));
        assertThat(jdbc.sql("select count(*) from device_faults where device_id = ? and seq = 1 and firmware is null")
                        .param(device)
                        .query(Long.class)
                        .single())
                .as("the fault before any status, of unknown firmware")
                .isEqualTo(1);
    }

    @Test
    void shouldDeadLetterARecordThatCannotBeReadAndGoOn() {
        String user = Records.newUser();
        byte[] poison = "{\"sessionId\":\"not a uuid\"}".getBytes(StandardCharsets.UTF_8);
        try (TopicReader deadLetters =
                new TopicReader(bootstrapServers, KafkaTopics.deadLetter(KafkaTopics.SESSIONS), user::equals)) {
            records.send(KafkaTopics.SESSIONS, user, poison);
            UUID after = UUID.randomUUID();
            records.send(Records.session(after, 1, user, Records.berlin("2026-04-01T22:00")));

            await().atMost(WAIT)
                    .until(() -> jdbc.sql("select count(*) from sessions where session_id = ?")
                                    .param(after)
                                    .query(Long.class)
                                    .single()
                            == 1);
            await().atMost(WAIT).until(() -> deadLetters.poll().size() == 1);
            var dead = deadLetters.readToEnd();
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(poison);
                assertThat(new String(
                                record.headers()
                                        .lastHeader("kafka_dlt-original-topic")
                                        .value(),
                                StandardCharsets.UTF_8))
                        .isEqualTo(KafkaTopics.SESSIONS);
            });
        }
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

    private Map<String, Object> status(String device) {
        return jdbc
                .sql("select state, firmware, received_at from device_statuses where device_id = ?")
                .param(device)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
    }

    private long faultCount() {
        return jdbc.sql("select count(*) from device_faults where device_id = ?")
                .param(device)
                .query(Long.class)
                .single();
    }
}
