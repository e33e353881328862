package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        void shouldDeliverAQos1PublishOverMqtt5() throws Exception {
            String topic = "massagers/" + unique("device") + "/telemetry";
            try (MqttTestClient subscriber =
                            MqttTestClient.connect(infrastructure().mqtt(), unique("subscriber"));
                    MqttTestClient device =
                            MqttTestClient.connect(infrastructure().mqtt(), unique("device"))) {
                subscriber.subscribe(topic);

                device.publish(topic, "{\"v\":1,\"seq\":1}");

                await().untilAsserted(() -> assertThat(subscriber.received())
                        .containsExactly(new MqttTestClient.Received(topic, "{\"v\":1,\"seq\":1}", false)));
            }
        }

        @Test
        void shouldAnnounceThe64KibPacketCap() throws Exception {
            try (MqttTestClient client = MqttTestClient.connect(infrastructure().mqtt(), unique("client"))) {
                assertThat(client.connAckProperties().getMaximumPacketSize()).isEqualTo(64L * 1024);
            }
        }

        @Test
        void shouldSplitASharedSubscriptionBetweenItsMembersDeliveringEachMessageOnce() throws Exception {
            String topic = "massagers/" + unique("device") + "/telemetry";
            String shared = "$share/" + unique("device-gateway") + "/" + topic;
            List<String> sent = new ArrayList<>();
            try (MqttTestClient first = MqttTestClient.connect(infrastructure().mqtt(), unique("gateway-1"));
                    MqttTestClient second =
                            MqttTestClient.connect(infrastructure().mqtt(), unique("gateway-2"));
                    MqttTestClient device =
                            MqttTestClient.connect(infrastructure().mqtt(), unique("device"))) {
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
        void shouldDeliverARetainedMessageToALaterSubscriber() throws Exception {
            String topic = "massagers/" + unique("device") + "/status";
            try (MqttTestClient device = MqttTestClient.connect(infrastructure().mqtt(), unique("device"))) {
                device.publishRetained(topic, "{\"v\":1,\"state\":\"ONLINE\"}");
            }

            try (MqttTestClient later = MqttTestClient.connect(infrastructure().mqtt(), unique("late-subscriber"))) {
                later.subscribe(topic);

                await().untilAsserted(() -> assertThat(later.received())
                        .containsExactly(new MqttTestClient.Received(topic, "{\"v\":1,\"state\":\"ONLINE\"}", true)));
                later.publishRetained(topic, "");
            }
        }

        @Test
        void shouldPublishTheLastWillWhenAClientDropsWithoutDisconnect() throws Exception {
            String topic = "massagers/" + unique("device") + "/status";
            DroppableSocketFactory network = new DroppableSocketFactory();
            try (MqttTestClient subscriber =
                    MqttTestClient.connect(infrastructure().mqtt(), unique("subscriber"))) {
                subscriber.subscribe(topic);
                MqttTestClient device = MqttTestClient.connect(infrastructure().mqtt(), unique("device"), options -> {
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
            String topic = "massagers/" + unique("device") + "/status";
            try (MqttTestClient subscriber =
                            MqttTestClient.connect(infrastructure().mqtt(), unique("subscriber"));
                    MqttTestClient device = MqttTestClient.connect(
                            infrastructure().mqtt(), unique("device"), options -> options.setWill(topic, offline()))) {
                subscriber.subscribe(topic);

                device.disconnect();
                // The broker handles the DISCONNECT before this later message; a Last Will would arrive first.
                try (MqttTestClient other =
                        MqttTestClient.connect(infrastructure().mqtt(), unique("other"))) {
                    other.publish(topic, "MARKER");
                }

                await().untilAsserted(() -> assertThat(subscriber.payloads()).contains("MARKER"));
                assertThat(subscriber.payloads()).containsExactly("MARKER");
            }
        }

        @Test
        void shouldAcceptAnMqtt311Publish() throws Exception {
            String topic = "massagers/" + unique("legacy-device") + "/telemetry";
            try (MqttTestClient subscriber =
                    MqttTestClient.connect(infrastructure().mqtt(), unique("subscriber"))) {
                subscriber.subscribe(topic);
                MqttClient legacy = new MqttClient(
                        infrastructure().mqtt().serverUri(), unique("legacy-device"), new MemoryPersistence());
                MqttConnectOptions options = new MqttConnectOptions();
                options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                options.setCleanSession(true);
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
}
