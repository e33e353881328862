package dev.massager.infra;

import dev.massager.broker.BrokerAuthConfig;
import dev.massager.infra.kafka.EmbeddedKafkaServer;
import dev.massager.infra.mqtt.DeviceCa;
import dev.massager.infra.mqtt.HiveMqConfig;
import dev.massager.infra.postgres.Databases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The three servers in containers, with the same configuration as the embedded ones where it matters: the MQTT broker
 * runs the {@code broker-auth} extension with the shared {@link DeviceCa}, a device listener and a backend listener.
 */
final class ContainerInfrastructure implements Infrastructure {

    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.2.1");

    static final DockerImageName HIVEMQ_IMAGE = DockerImageName.parse("hivemq/hivemq-ce:2025.5");

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);

    private static final String SUPERUSER = "postgres";

    private static final int MQTT_PORT = 1883;

    private static final int MQTT_DEVICE_PORT = 8883;

    private static final String HIVEMQ_TLS = "/opt/hivemq/conf/tls/";

    private final KafkaContainer kafka;

    private final PostgreSQLContainer postgres;

    private final HiveMQContainer mqtt;

    private final String mqttPassword;

    private ContainerInfrastructure(
            KafkaContainer kafka, PostgreSQLContainer postgres, HiveMQContainer mqtt, String mqttPassword) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.mqtt = mqtt;
        this.mqttPassword = mqttPassword;
    }

    static ContainerInfrastructure start() {
        long started = System.nanoTime();
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(EmbeddedKafkaServer.DEFAULT_PARTITIONS))
                .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(SUPERUSER)
                .withUsername(SUPERUSER)
                .withPassword(SUPERUSER);
        String mqttPassword = DeviceCa.randomPassword();
        HiveMQContainer mqtt = mqtt(mqttPassword);
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(kafka, postgres, mqtt, mqttPassword);
        try {
            Startables.deepStart(kafka, postgres, mqtt).join();
            Databases.create(postgres.getJdbcUrl(), SUPERUSER, SUPERUSER, PostgresConnection.DATABASES);
        } catch (RuntimeException e) {
            try {
                infrastructure.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw new IllegalStateException("Could not start the containers", e);
        }
        log.info("Container infrastructure started in {} ms", (System.nanoTime() - started) / 1_000_000);
        return infrastructure;
    }

    /** HiveMQ with the extension installed as in production, and the shared CA's certificates. */
    private static HiveMQContainer mqtt(String backendPassword) {
        DeviceCa ca = DeviceCa.shared();
        String storePassword = DeviceCa.randomPassword();
        // Clients reach the container through the Docker host's address, which the broker's certificate must name.
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        HiveMqConfig config = HiveMqConfig.devicesAndBackend(
                "0.0.0.0",
                MQTT_DEVICE_PORT,
                new HiveMqConfig.TlsStores(
                        HIVEMQ_TLS + "broker.p12", storePassword, HIVEMQ_TLS + "device-ca.p12", storePassword),
                MQTT_PORT);
        return new HiveMQContainer(HIVEMQ_IMAGE)
                .withoutPrepackagedExtensions()
                .withExtension(MountableFile.forHostPath(AuthExtensionFolder.create(temporaryFolder())))
                .withCopyToContainer(Transferable.of(config.toXml(), 0644), "/opt/hivemq/conf/config.xml")
                .withCopyToContainer(
                        Transferable.of(
                                bytes(
                                        ca.serverKeystore(storePassword.toCharArray(), List.of(dockerHost)),
                                        storePassword),
                                0644),
                        HIVEMQ_TLS + "broker.p12")
                .withCopyToContainer(
                        Transferable.of(bytes(ca.truststore(), storePassword), 0644), HIVEMQ_TLS + "device-ca.p12")
                .withCopyToContainer(
                        Transferable.of(ca.certificatePem().getBytes(StandardCharsets.UTF_8), 0644),
                        HIVEMQ_TLS + "device-ca.pem")
                .withEnv(BrokerAuthConfig.DEVICE_CA, HIVEMQ_TLS + "device-ca.pem")
                .withEnv(BrokerAuthConfig.BACKEND_USERNAME, BrokerAuthConfig.DEFAULT_BACKEND_USERNAME)
                .withEnv(BrokerAuthConfig.BACKEND_PASSWORD, backendPassword)
                .withExposedPorts(MQTT_PORT, MQTT_DEVICE_PORT);
    }

    private static byte[] bytes(KeyStore store, String password) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write a key store", e);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("massager-hivemq-extension-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder", e);
        }
    }

    @Override
    public InfrastructureMode mode() {
        return InfrastructureMode.CONTAINERS;
    }

    @Override
    public KafkaConnection kafka() {
        return kafka::getBootstrapServers;
    }

    @Override
    public PostgresConnection postgres() {
        return new PostgresConnection() {
            @Override
            public String jdbcUrl(String database) {
                return "jdbc:postgresql://" + postgres.getHost() + ":"
                        + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
            }

            @Override
            public String username() {
                return postgres.getUsername();
            }

            @Override
            public String password() {
                return postgres.getPassword();
            }
        };
    }

    @Override
    public MqttConnection mqtt() {
        return new MqttConnection() {
            @Override
            public String serverUri() {
                return "tcp://" + mqtt.getHost() + ":" + mqtt.getMqttPort();
            }

            @Override
            public String backendUsername() {
                return BrokerAuthConfig.DEFAULT_BACKEND_USERNAME;
            }

            @Override
            public String backendPassword() {
                return mqttPassword;
            }

            @Override
            public String deviceServerUri() {
                return "ssl://" + mqtt.getHost() + ":" + mqtt.getMappedPort(MQTT_DEVICE_PORT);
            }

            @Override
            public SSLSocketFactory deviceSocketFactory(String deviceId) {
                return DeviceCa.shared().deviceSocketFactory(deviceId);
            }

            @Override
            public String deviceCaPem() {
                return DeviceCa.shared().certificatePem();
            }
        };
    }

    @Override
    public void close() {
        Parallel.closeAll(List.<AutoCloseable>of(kafka::stop, postgres::stop, mqtt::stop));
    }

    @Override
    public String toString() {
        return "container infrastructure [" + KAFKA_IMAGE + ", " + POSTGRES_IMAGE + ", " + HIVEMQ_IMAGE + "]";
    }
}
