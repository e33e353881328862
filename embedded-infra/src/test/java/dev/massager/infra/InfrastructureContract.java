package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.massager.infra.mqtt.DeviceCa;
import dev.massager.infra.mqtt.DroppableSocketFactory;
import dev.massager.infra.mqtt.HiveMqConfig;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What every {@link Infrastructure} must do, against real servers. Each implementation runs these tests through a
 * subclass that says which infrastructure to use.
 */
abstract class InfrastructureContract {

    static final List<String> DATABASES = PostgresConnection.DATABASES;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The infrastructure under test.
     *
     * @return a running infrastructure that the test must not close
     */
    abstract Infrastructure infrastructure();

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Nested
    class Postgres {

        @ParameterizedTest
        @FieldSource("dev.massager.infra.InfrastructureContract#DATABASES")
        void shouldRoundTripRowsInEachDatabase(String database) throws Exception {
            PostgresConnection postgres = infrastructure().postgres();
            String table = unique("round_trip").replace('-', '_');
            try (Connection connection = DriverManager.getConnection(
                            postgres.jdbcUrl(database), postgres.username(), postgres.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, started_at timestamptz NOT NULL,"
                        + " mode text NOT NULL)");
                try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO " + table + " VALUES (?, now(), ?)")) {
                    insert.setLong(1, 1);
                    insert.setString(2, "WAVE");
                    insert.addBatch();
                    insert.setLong(1, 2);
                    insert.setString(2, "FULL");
                    insert.addBatch();
                    insert.executeBatch();
                }
                List<String> modes = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT mode FROM " + table + " ORDER BY id")) {
                    while (rows.next()) {
                        modes.add(rows.getString(1));
                    }
                }
                String current;
                try (ResultSet row = statement.executeQuery("SELECT current_database()")) {
                    row.next();
                    current = row.getString(1);
                }
                statement.execute("DROP TABLE " + table);

                assertThat(modes).containsExactly("WAVE", "FULL");
                assertThat(current).isEqualTo(database);
            }
        }

        @Test
        void shouldRunPostgresql17() throws Exception {
            PostgresConnection postgres = infrastructure().postgres();
            try (Connection connection = DriverManager.getConnection(
                    postgres.jdbcUrl(PostgresConnection.SESSIONS), postgres.username(), postgres.password())) {
                assertThat(connection.getMetaData().getDatabaseMajorVersion()).isEqualTo(17);
            }
        }
    }

    @Nested
    class Kafka {

        @Test
        void shouldConsumeWhatAnIdempotentProducerWroteWithAcksAll() throws Exception {
            String topic = unique("massager.contract");
            List<String> sent =
                    IntStream.range(0, 20).mapToObj(i -> "sample-" + i).toList();

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(Map.of()))) {
                for (int i = 0; i < sent.size(); i++) {
                    RecordMetadata metadata = producer.send(
                                    new ProducerRecord<>(topic, "device-" + (i % 4), sent.get(i)))
                            .get();
                    assertThat(metadata.hasOffset()).isTrue();
                }
            }

            assertThat(consumeValues(topic, sent.size(), "read_uncommitted")).containsExactlyInAnyOrderElementsOf(sent);
        }

        @Test
        void shouldHideAbortedTransactionsFromReadCommittedConsumers() throws Exception {
            String topic = unique("massager.contract.tx");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    producerProperties(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("outbox"))))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "user-1", "aborted"));
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "user-1", "committed-1"));
                producer.send(new ProducerRecord<>(topic, "user-1", "committed-2"));
                producer.commitTransaction();
            }

            assertThat(consumeValues(topic, 2, "read_committed")).containsExactly("committed-1", "committed-2");
        }

        private Map<String, Object> producerProperties(Map<String, Object> extra) {
            Map<String, Object> properties = new HashMap<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infrastructure().kafka().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class));
            properties.putAll(extra);
            return properties;
        }

        private List<String> consumeValues(String topic, int expected, String isolationLevel) {
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infrastructure().kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    unique("contract"),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    isolationLevel,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class))) {
                consumer.subscribe(List.of(topic));
                // The consumer is single-threaded: poll it from the test thread only.
                await().atMost(KAFKA_TIMEOUT).pollInSameThread().untilAsserted(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                    assertThat(values).hasSizeGreaterThanOrEqualTo(expected);
                });
            }
            return values;
        }
    }

    @Nested
    class Mqtt {

        @Test
        void shouldDeliverADevicesQos1PublishToABackendSubscriber() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/telemetry";
            try (MqttTestClient subscriber = MqttTestClient.backend(mqtt(), unique("subscriber"));
                    MqttTestClient device = MqttTestClient.device(mqtt(), deviceId)) {
                subscriber.subscribe(topic);

                device.publish(topic, "{\"v\":1,\"seq\":1}");

                await().untilAsserted(() -> assertThat(subscriber.received())
                        .containsExactly(new MqttTestClient.Received(topic, "{\"v\":1,\"seq\":1}", false)));
            }
        }

        @Test
        void shouldAnnounceThePacketCap() throws Exception {
            try (MqttTestClient client = MqttTestClient.backend(mqtt(), unique("client"))) {
                assertThat(client.connAckProperties().getMaximumPacketSize())
                        .isEqualTo((long) HiveMqConfig.MAX_PACKET_SIZE);
            }
        }

        @Test
        void shouldSplitASharedSubscriptionBetweenItsMembersDeliveringEachMessageOnce() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/telemetry";
            String shared = "$share/" + unique("device-gateway") + "/" + topic;
            List<String> sent = new ArrayList<>();
            try (MqttTestClient first = MqttTestClient.backend(mqtt(), unique("gateway-1"));
                    MqttTestClient second = MqttTestClient.backend(mqtt(), unique("gateway-2"));
                    MqttTestClient device = MqttTestClient.device(mqtt(), deviceId)) {
                first.subscribe(shared);
                second.subscribe(shared);

                // HiveMQ picks a random member only for a message that finds the group's queue empty; otherwise the
                // member that just acknowledged takes the next ones. It also caches the members for a second.
                // Publishing one message at a time, both members soon have some.
                await().pollInSameThread().pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                    String payload = "sample-" + sent.size();
                    device.publish(topic, payload);
                    sent.add(payload);
                    assertThat(first.payloads()).isNotEmpty();
                    assertThat(second.payloads()).isNotEmpty();
                });
                for (int i = 0; i < 50; i++) {
                    String payload = "burst-" + i;
                    device.publish(topic, payload);
                    sent.add(payload);
                }

                await().untilAsserted(() -> assertThat(received(first, second)).hasSameElementsAs(sent));
                // Nothing more may come: a duplicate would raise the count above what was sent.
                await().during(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> received(first, second).size() == sent.size());
            }
        }

        @Test
        void shouldDeliverADevicesRetainedStatusToALaterSubscriber() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/status";
            try (MqttTestClient device = MqttTestClient.device(mqtt(), deviceId)) {
                device.publishRetained(topic, "{\"v\":1,\"state\":\"ONLINE\"}");
            }

            try (MqttTestClient later = MqttTestClient.backend(mqtt(), unique("late-subscriber"))) {
                later.subscribe(topic);

                await().untilAsserted(() -> assertThat(later.received())
                        .containsExactly(new MqttTestClient.Received(topic, "{\"v\":1,\"state\":\"ONLINE\"}", true)));
                later.publishRetained(topic, "");
            }
        }

        @Test
        void shouldPublishTheLastWillWhenADeviceDropsWithoutDisconnect() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/status";
            DroppableSocketFactory network = new DroppableSocketFactory(mqtt().deviceSocketFactory(deviceId));
            try (MqttTestClient subscriber = MqttTestClient.backend(mqtt(), unique("subscriber"))) {
                subscriber.subscribe(topic);
                MqttTestClient device = MqttTestClient.device(mqtt(), deviceId, options -> {
                    options.setWill(topic, offline());
                    options.setSocketFactory(network);
                });

                network.dropConnections();

                await().untilAsserted(() -> assertThat(subscriber.payloads()).containsExactly("OFFLINE"));
                await().until(() -> !device.isConnected());
                device.close();
            }
        }

        @Test
        void shouldNotPublishTheLastWillAfterANormalDisconnect() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/status";
            try (MqttTestClient subscriber = MqttTestClient.backend(mqtt(), unique("subscriber"));
                    MqttTestClient device =
                            MqttTestClient.device(mqtt(), deviceId, options -> options.setWill(topic, offline()))) {
                subscriber.subscribe(topic);

                device.disconnect();
                // The broker handles the DISCONNECT before this later message; a Last Will would arrive first.
                publishMarker(topic);

                await().untilAsserted(() -> assertThat(subscriber.payloads()).contains(MARKER));
                assertThat(subscriber.payloads()).containsExactly(MARKER);
            }
        }

        @Test
        void shouldAcceptAnMqtt311DevicesPublish() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/telemetry";
            try (MqttTestClient subscriber = MqttTestClient.backend(mqtt(), unique("subscriber"))) {
                subscriber.subscribe(topic);
                MqttClient legacy = new MqttClient(mqtt().deviceServerUri(), deviceId, new MemoryPersistence());
                MqttConnectOptions options = new MqttConnectOptions();
                options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                options.setCleanSession(true);
                options.setSocketFactory(mqtt().deviceSocketFactory(deviceId));
                legacy.connect(options);
                try {
                    legacy.publish(topic, "{\"v\":1,\"seq\":7}".getBytes(StandardCharsets.UTF_8), 1, false);
                } finally {
                    legacy.disconnect();
                    legacy.close();
                }

                await().untilAsserted(() -> assertThat(subscriber.payloads()).containsExactly("{\"v\":1,\"seq\":7}"));
            }
        }
    }

    /** Devices get in with their own certificate only, as themselves, and publish under their own topics only. */
    @Nested
    class DeviceListener {

        @Test
        void shouldRefuseAPublishUnderAnotherDevicesTopicsAndDeliverNothing() throws Exception {
            String deviceId = unique("mx");
            String otherTopic = "massagers/" + unique("mx") + "/telemetry";
            try (MqttTestClient subscriber = MqttTestClient.backend(mqtt(), unique("subscriber"));
                    MqttTestClient device = MqttTestClient.device(mqtt(), deviceId)) {
                subscriber.subscribe(otherTopic);

                assertThat(device.tryPublish(otherTopic, "{\"v\":1,\"seq\":1}", 1, false))
                        .isIn(NOT_AUTHORIZED, MqttTestClient.CLOSED_WITHOUT_PUBACK);

                await().until(() -> !device.isConnected());
                assertDeliversOnlyTheMarker(subscriber, otherTopic);
            }
        }

        @Test
        void shouldRefuseARetainedMessageOutsideItsStatusTopic() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/telemetry";
            try (MqttTestClient device = MqttTestClient.device(mqtt(), deviceId)) {
                assertThat(device.tryPublish(topic, "{\"v\":1,\"seq\":1}", 1, true))
                        .isIn(NOT_AUTHORIZED, MqttTestClient.CLOSED_WITHOUT_PUBACK);
            }

            try (MqttTestClient later = MqttTestClient.backend(mqtt(), unique("late-subscriber"))) {
                later.subscribe(topic);
                assertDeliversOnlyTheMarker(later, topic);
            }
        }

        @Test
        void shouldRefuseAQos0PublishWhichCouldBeLostUnnoticed() throws Exception {
            String deviceId = unique("mx");
            String topic = "massagers/" + deviceId + "/telemetry";
            try (MqttTestClient subscriber = MqttTestClient.backend(mqtt(), unique("subscriber"));
                    MqttTestClient device = MqttTestClient.device(mqtt(), deviceId)) {
                subscriber.subscribe(topic);

                device.tryPublish(topic, "{\"v\":1,\"seq\":1}", 0, false);

                await().until(() -> !device.isConnected());
                assertDeliversOnlyTheMarker(subscriber, topic);
            }
        }

        @Test
        void shouldNotLetADeviceSubscribe() throws Exception {
            String deviceId = unique("mx");
            try (MqttTestClient device = MqttTestClient.device(mqtt(), deviceId)) {
                assertThat(device.trySubscribe("massagers/" + deviceId + "/#")).containsExactly(NOT_AUTHORIZED);
                assertThat(device.trySubscribe("massagers/#")).containsExactly(NOT_AUTHORIZED);
            }
        }

        @Test
        void shouldRefuseADeviceWhoseClientIdIsNotItsCertificatesDeviceId() {
            String deviceId = unique("mx");
            String otherId = unique("mx");

            assertThatExceptionOfType(MqttException.class)
                    .isThrownBy(() -> MqttTestClient.connect(
                            mqtt().deviceServerUri(),
                            otherId,
                            options -> options.setSocketFactory(mqtt().deviceSocketFactory(deviceId))))
                    .satisfies(refusal -> assertThat(refusal.getReasonCode()).isEqualTo(CLIENT_IDENTIFIER_NOT_VALID));
        }

        @Test
        void shouldRefuseALastWillOnAnotherDevicesTopic() {
            String otherTopic = "massagers/" + unique("mx") + "/status";

            assertThatExceptionOfType(MqttException.class)
                    .isThrownBy(() -> MqttTestClient.device(
                            mqtt(), unique("mx"), options -> options.setWill(otherTopic, offline())))
                    .satisfies(refusal -> assertThat(refusal.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
        }

        @Test
        void shouldRefuseACertificateOfAnotherCa() {
            String deviceId = unique("mx");
            // The device trusts the broker, but its certificate comes from a CA the broker does not trust.
            SSLSocketFactory stranger = DeviceCa.create("Someone Else's CA")
                    .deviceSocketFactory(deviceId, DeviceCa.shared().certificate());

            assertRefusedDuringTheHandshake(deviceId, stranger);
        }

        @Test
        void shouldRefuseAClientWithoutCertificate() {
            assertRefusedDuringTheHandshake(unique("mx"), DeviceCa.shared().socketFactoryWithoutCertificate());
        }

        private void assertRefusedDuringTheHandshake(String clientId, SSLSocketFactory socketFactory) {
            assertThatExceptionOfType(MqttException.class)
                    .isThrownBy(() -> MqttTestClient.connect(
                            mqtt().deviceServerUri(), clientId, options -> options.setSocketFactory(socketFactory)))
                    .satisfies(refusal -> assertThat(refusal).hasRootCauseInstanceOf(SSLException.class));
        }
    }

    /** Backend clients get in with the backend account only. */
    @Nested
    class BackendListener {

        @Test
        void shouldRefuseAWrongPassword() {
            assertThatExceptionOfType(MqttException.class)
                    .isThrownBy(() -> MqttTestClient.connect(mqtt().serverUri(), unique("gateway"), options -> {
                        options.setUserName(mqtt().backendUsername());
                        options.setPassword((mqtt().backendPassword() + "!").getBytes(StandardCharsets.UTF_8));
                    }))
                    .satisfies(refusal -> assertThat(refusal.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD));
        }

        @Test
        void shouldRefuseAnAnonymousClient() {
            assertThatExceptionOfType(MqttException.class)
                    .isThrownBy(() -> MqttTestClient.connect(mqtt().serverUri(), unique("anonymous"), options -> {}))
                    .satisfies(refusal -> assertThat(refusal.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD));
        }
    }

    private static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

    private static final int NOT_AUTHORIZED = 0x87;

    private static final String MARKER = "MARKER";

    private MqttConnection mqtt() {
        return infrastructure().mqtt();
    }

    /** A backend client publishes a marker: a refused message, had it been delivered, would arrive before it. */
    private void publishMarker(String topic) throws MqttException {
        try (MqttTestClient backend = MqttTestClient.backend(mqtt(), unique("marker"))) {
            backend.publish(topic, MARKER);
        }
    }

    private void assertDeliversOnlyTheMarker(MqttTestClient subscriber, String topic) throws MqttException {
        publishMarker(topic);
        await().untilAsserted(() -> assertThat(subscriber.payloads()).contains(MARKER));
        assertThat(subscriber.payloads()).containsExactly(MARKER);
    }

    private static MqttMessage offline() {
        MqttMessage will = new MqttMessage("OFFLINE".getBytes(StandardCharsets.UTF_8));
        will.setQos(1);
        return will;
    }

    private static List<String> received(MqttTestClient... clients) {
        return Arrays.stream(clients)
                .flatMap(client -> client.payloads().stream())
                .toList();
    }
}
