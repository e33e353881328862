package dev.massager.infra;

import dev.massager.infra.kafka.EmbeddedKafkaServer;
import dev.massager.infra.mqtt.HiveMqConfig;
import dev.massager.infra.postgres.Databases;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The three servers in containers, with the same configuration as the embedded ones where it matters. */
final class ContainerInfrastructure implements Infrastructure {

    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17");

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.2.1");

    static final DockerImageName HIVEMQ_IMAGE = DockerImageName.parse("hivemq/hivemq-ce:2025.5");

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);

    private static final String SUPERUSER = "postgres";

    private static final int MQTT_PORT = 1883;

    private final KafkaContainer kafka;

    private final PostgreSQLContainer postgres;

    private final HiveMQContainer mqtt;

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres, HiveMQContainer mqtt) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.mqtt = mqtt;
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
        HiveMQContainer mqtt = new HiveMQContainer(HIVEMQ_IMAGE)
                .withCopyToContainer(
                        Transferable.of(HiveMqConfig.plain("0.0.0.0", MQTT_PORT).toXml(), 0644),
                        "/opt/hivemq/conf/config.xml");
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(kafka, postgres, mqtt);
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
        return () -> "tcp://" + mqtt.getHost() + ":" + mqtt.getMqttPort();
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
