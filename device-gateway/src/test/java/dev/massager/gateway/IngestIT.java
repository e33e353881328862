package dev.massager.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.common.RejectReason;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.ingest.RejectedMessage;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.gateway.support.Device;
import dev.massager.infra.Infrastructure;
import dev.massager.infra.MqttConnection;
import dev.massager.infra.kafka.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Devices publish to the real broker; the gateway in this context must put it all in the real Kafka. */
@GatewayIntegrationTest
class IngestIT {

    private static final PayloadCodec codec = new PayloadCodec();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Tests share the broker and Kafka: every device id of this run starts with this. */
    private final String run =
            "it" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final MqttConnection mqtt = infrastructure.mqtt();

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry meters;

    @Nested
    class Telemetry {

        @Test
        void shouldIngestTenThousandMessagesFromFiftyDevicesInOrderWithExactCounts() throws Exception {
            int devices = 50;
            int messagesEach = 200;

            publishInParallel(devices, messagesEach);

            try (TopicReader telemetry = reader(KafkaTopics.TELEMETRY)) {
                await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= devices * messagesEach);
                List<ConsumerRecord<String, byte[]>> records = telemetry.poll();

                assertThat(records).hasSize(devices * messagesEach);
                Map<String, List<Long>> seqsByDevice = records.stream()
                        .collect(Collectors.groupingBy(
                                ConsumerRecord::key,
                                Collectors.mapping(record -> sample(record).seq(), Collectors.toList())));
                assertThat(seqsByDevice).hasSize(devices);
                List<Long> expected = LongRange.of(messagesEach);
                assertThat(seqsByDevice.values())
                        .allSatisfy(seqs -> assertThat(seqs).isEqualTo(expected));
            }
        }

        @Test
        void shouldSplitABatchIntoOneRecordPerSampleWithTheIngestHeaders() throws Exception {
            String id = deviceId(1);
            String batch = IntStream.range(0, 300)
                    .mapToObj(seq -> Device.sample(seq, "s-batch"))
                    .collect(Collectors.joining(",", "{\"v\":1,\"samples\":[", "]}"));
            try (Device device = Device.connect(mqtt, id)) {
                device.publish("telemetry", batch);
            }

            try (TopicReader telemetry = reader(KafkaTopics.TELEMETRY)) {
                await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= 300);

                assertThat(telemetry.poll()).hasSize(300).allSatisfy(record -> {
                    assertThat(record.key()).isEqualTo(id);
                    assertThat(header(record, IngestHeaders.MQTT_TOPIC)).isEqualTo("massagers/" + id + "/telemetry");
                    assertThat(header(record, IngestHeaders.RECEIVED_AT)).isNotBlank();
                    assertThat(header(record, IngestHeaders.GATEWAY_INSTANCE)).isNotBlank();
                    assertThat(header(record, IngestHeaders.CLOCK_SKEW)).isEqualTo("false");
                });
                assertThat(telemetry.poll().stream()
                                .map(record -> sample(record).seq()))
                        .isEqualTo(LongRange.of(300));
            }
        }

        @Test
        void shouldIngestTheTelemetryOfAnMqtt311Device() throws Exception {
            String id = deviceId(1);
            MqttClient device = new MqttClient(mqtt.deviceServerUri(), id, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setSocketFactory(mqtt.deviceSocketFactory(id));
            device.connect(options);
            try {
                for (int seq = 0; seq < 20; seq++) {
                    device.publish(
                            "massagers/" + id + "/telemetry",
                            Device.sample(seq, "s-311").getBytes(UTF_8),
                            1,
                            false);
                }
            } finally {
                device.disconnect();
                device.close();
            }

            try (TopicReader telemetry = reader(KafkaTopics.TELEMETRY)) {
                await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= 20);
                assertThat(telemetry.poll().stream()
                                .map(record -> sample(record).seq()))
                        .isEqualTo(LongRange.of(20));
            }
        }
    }

    @Nested
    class DeadLetters {

        @Test
        void shouldDeadLetterEveryKindOfBadInputWithItsReasonWhileIngestingTheGoodOnes() throws Exception {
            String bad = deviceId(0);
            String good = deviceId(1);
            List<RejectReason> expected = new ArrayList<>();
            ExecutorService goodTraffic = Executors.newSingleThreadExecutor();
            String invalidDeviceTopic = "massagers/-" + run + "/telemetry";
            try (Device device = Device.connect(mqtt, bad)) {
                Future<?> goodOnes = goodTraffic.submit(() -> publish(good, 500));

                String sample = Device.sample(1, "s-1");
                String event = "{\"v\":1,\"seq\":7,\"ts\":\"2026-11-21T21:13:58Z\",\"type\":\"SESSION_ENDED\","
                        + "\"session\":\"s-1\",\"reason\":\"TIMER\"}";
                send(device, expected, "telemetry", "not json at all", RejectReason.NOT_JSON);
                send(device, expected, "telemetry", sample.substring(0, 40), RejectReason.NOT_JSON);
                send(device, expected, "telemetry", "[".repeat(40) + "]".repeat(40), RejectReason.TOO_DEEP);
                send(
                        device,
                        expected,
                        "telemetry",
                        sample.replace("\"intensity\":2", "\"intensity\":\"2\""),
                        RejectReason.WRONG_TYPE);
                send(
                        device,
                        expected,
                        "telemetry",
                        sample.replace("\"battery\":81", "\"batteryLevel\":81"),
                        RejectReason.MISSING_FIELD);
                send(
                        device,
                        expected,
                        "telemetry",
                        sample.replace("\"calf\":58", "\"calf\":251"),
                        RejectReason.OUT_OF_RANGE);
                send(
                        device,
                        expected,
                        "telemetry",
                        sample.replace("\"WAVE\"", "\"TURBO\""),
                        RejectReason.UNKNOWN_ENUM_VALUE);
                send(
                        device,
                        expected,
                        "events",
                        event.replace("SESSION_ENDED", "SELF_DESTRUCT"),
                        RejectReason.UNKNOWN_ENUM_VALUE);
                send(device, expected, "telemetry", event, RejectReason.TOPIC_MISMATCH);
                send(device, expected, "status", "", RejectReason.EMPTY);
                send(device, expected, "telemetry", batchOf(501), RejectReason.TOO_MANY_ITEMS);
                send(
                        device,
                        expected,
                        "telemetry",
                        "{\"pad\":\"" + "x".repeat(133 * 1024) + "\"}",
                        RejectReason.TOO_LARGE);
                send(device, expected, "firmware", "{}", RejectReason.UNKNOWN_TOPIC);
                // A device cannot publish under an invalid id, its certificate forbids it: only a backend client can.
                publishAsBackend(invalidDeviceTopic, sample);
                goodOnes.get();
            } finally {
                goodTraffic.shutdownNow();
            }

            try (TopicReader rejected = new TopicReader(
                            infrastructure.kafka().bootstrapServers(),
                            KafkaTopics.INGEST_REJECTED,
                            key -> key.equals(bad) || key.equals(RejectedMessage.UNKNOWN_DEVICE));
                    TopicReader telemetry = reader(KafkaTopics.TELEMETRY)) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    List<RejectedMessage> messages = rejected.poll().stream()
                            .map(record -> codec.decode(record.value(), RejectedMessage.class))
                            .toList();
                    assertThat(messages)
                            .filteredOn(message -> message.deviceId().equals(bad))
                            .extracting(RejectedMessage::reason)
                            .containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(messages)
                            .filteredOn(message -> message.mqttTopic().equals(invalidDeviceTopic))
                            .singleElement()
                            .satisfies(message -> {
                                assertThat(message.reason()).isEqualTo(RejectReason.INVALID_DEVICE_ID);
                                assertThat(message.deviceId()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
                                assertThat(new String(message.payload(), UTF_8)).startsWith("{\"v\":1,\"seq\":1,");
                            });
                });
                await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= 500);
                assertThat(telemetry.poll())
                        .hasSize(500)
                        .allSatisfy(record -> assertThat(record.key()).isEqualTo(good));
            }
        }

        private void send(Device device, List<RejectReason> expected, String kind, String payload, RejectReason reason)
                throws Exception {
            device.publish("massagers/" + device.id() + "/" + kind, payload.getBytes(UTF_8));
            expected.add(reason);
        }
    }

    @Nested
    class Presence {

        @Test
        void shouldPublishOnlineWithFirmwareAndTheLastWillsOffline() throws Exception {
            String id = deviceId(1);
            String statusTopic = "massagers/" + id + "/status";
            MqttAsyncClient device = new MqttAsyncClient(
                    mqtt.deviceServerUri(), id, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(mqtt.deviceSocketFactory(id));
            options.setWill(
                    statusTopic,
                    new MqttMessage(
                            "{\"v\":1,\"state\":\"OFFLINE\",\"ts\":\"2026-11-21T22:00:00Z\"}".getBytes(UTF_8),
                            1,
                            true,
                            null));
            device.connect(options).waitForCompletion(10_000);
            device.publish(
                            statusTopic,
                            new MqttMessage(
                                    "{\"v\":1,\"state\":\"ONLINE\",\"ts\":\"2026-11-21T21:13:50Z\",\"fw\":\"2.3.1\"}"
                                            .getBytes(UTF_8),
                                    1,
                                    true,
                                    null))
                    .waitForCompletion(10_000);

            // 0x04: disconnect with the Will message, as the broker does when a device drops off.
            device.disconnect(10_000, null, null, 0x04, null).waitForCompletion(10_000);
            device.close();

            try (TopicReader status = reader(KafkaTopics.DEVICE_STATUS)) {
                await().atMost(PATIENCE).until(() -> status.poll().size() >= 2);
                List<DeviceStatus> states = status.poll().stream()
                        .map(record -> codec.decode(record.value(), DeviceStatus.class))
                        .toList();
                assertThat(states)
                        .extracting(DeviceStatus::state)
                        .containsExactly(DeviceState.ONLINE, DeviceState.OFFLINE);
                assertThat(states.get(0).fw()).isEqualTo("2.3.1");
            }
        }
    }

    @Test
    void shouldCountMessagesByKindAndRejectsByReason() throws Exception {
        double telemetryBefore = count("gateway.messages.received", "kind", "telemetry");
        double notJsonBefore = count("gateway.messages.rejected", "reason", "NOT_JSON");
        double producedBefore = count("gateway.records.produced", "topic", KafkaTopics.TELEMETRY);
        double rejectsProducedBefore = count("gateway.records.produced", "topic", KafkaTopics.INGEST_REJECTED);

        try (Device device = Device.connect(mqtt, deviceId(1))) {
            device.publish("telemetry", batchOf(3));
            device.publish("telemetry", "garbage");
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(count("gateway.messages.received", "kind", "telemetry") - telemetryBefore)
                    .isEqualTo(2);
            assertThat(count("gateway.messages.rejected", "reason", "NOT_JSON") - notJsonBefore)
                    .isEqualTo(1);
            assertThat(count("gateway.records.produced", "topic", KafkaTopics.TELEMETRY) - producedBefore)
                    .isEqualTo(3);
            assertThat(count("gateway.records.produced", "topic", KafkaTopics.INGEST_REJECTED) - rejectsProducedBefore)
                    .isEqualTo(1);
        });
        assertThat(get("/actuator/prometheus"))
                .contains("gateway_messages_received_total{application=\"device-gateway\",kind=\"telemetry\"}")
                .contains("gateway_produce_latency_seconds_count")
                .contains("gateway_messages_in_flight");
        assertThat(get("/actuator/health/readiness")).contains("\"ingest\":{\"status\":\"UP\"");
    }

    private double count(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private String deviceId(int index) {
        return run + "-" + index;
    }

    private TopicReader reader(String topic) {
        return new TopicReader(infrastructure.kafka().bootstrapServers(), topic, key -> key.startsWith(run));
    }

    private void publishInParallel(int devices, int messagesEach) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String id = deviceId(i);
                running.add(pool.submit(() -> publish(id, messagesEach)));
            }
            for (Future<?> device : running) {
                device.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Void publish(String id, int messages) throws Exception {
        try (Device device = Device.connect(mqtt, id)) {
            for (int seq = 0; seq < messages; seq++) {
                device.publish("telemetry", Device.sample(seq, "s-1"));
            }
        }
        return null;
    }

    private void publishAsBackend(String topic, String payload) throws Exception {
        MqttAsyncClient backend = new MqttAsyncClient(
                mqtt.serverUri(), run + "_backend", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(mqtt.backendUsername());
        options.setPassword(mqtt.backendPassword().getBytes(UTF_8));
        backend.connect(options).waitForCompletion(10_000);
        try {
            backend.publish(topic, new MqttMessage(payload.getBytes(UTF_8), 1, false, null))
                    .waitForCompletion(10_000);
            backend.disconnect().waitForCompletion(10_000);
        } finally {
            backend.close();
        }
    }

    private static String batchOf(int samples) {
        return IntStream.range(0, samples)
                .mapToObj(seq -> Device.sample(seq, "s-1"))
                .collect(Collectors.joining(",", "{\"v\":1,\"samples\":[", "]}"));
    }

    private static TelemetrySample sample(ConsumerRecord<String, byte[]> record) {
        return codec.decode(record.value(), TelemetrySample.class);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private String get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** 0, 1, … n-1 as longs. */
    private static final class LongRange {
        static List<Long> of(int n) {
            return java.util.stream.LongStream.range(0, n).boxed().toList();
        }
    }
}
