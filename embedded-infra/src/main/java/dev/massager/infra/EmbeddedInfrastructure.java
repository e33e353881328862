package dev.massager.infra;

import dev.massager.infra.kafka.EmbeddedKafkaServer;
import dev.massager.infra.mqtt.EmbeddedMqttBroker;
import dev.massager.infra.postgres.EmbeddedPostgresServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three servers inside this JVM (PostgreSQL as a child process), on loopback. Tests normally get them through
 * {@link Infrastructure#shared()}; a launcher that needs fixed ports, such as the local stack, starts them with
 * {@link #start(Ports)} and closes them itself.
 */
public final class EmbeddedInfrastructure implements Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedKafkaServer kafka;

    private final EmbeddedPostgresServer postgres;

    private final EmbeddedMqttBroker mqtt;

    private EmbeddedInfrastructure(
            EmbeddedKafkaServer kafka, EmbeddedPostgresServer postgres, EmbeddedMqttBroker mqtt) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.mqtt = mqtt;
    }

    /**
     * The ports to listen on.
     *
     * @param kafka Kafka's client port, 0 for a free one
     * @param postgres PostgreSQL's port, 0 for a free one
     * @param mqtt the MQTT broker's backend (plain TCP) port, 0 for a free one
     * @param mqttDevices the MQTT broker's device (TLS) port, 0 for a free one
     */
    public record Ports(int kafka, int postgres, int mqtt, int mqttDevices) {

        /** Free ports for every server. */
        public static final Ports ANY = new Ports(0, 0, 0, 0);
    }

    /**
     * Starts the three servers side by side.
     *
     * @param ports the ports to listen on
     * @return the running servers, which the caller closes
     * @throws IllegalStateException if one cannot start (those that started are stopped again)
     */
    public static EmbeddedInfrastructure start(Ports ports) {
        long started = System.nanoTime();
        try (Parallel parallel = Parallel.starting("massager-infra-start")) {
            CompletableFuture<EmbeddedKafkaServer> kafka = parallel.start(
                    () -> EmbeddedKafkaServer.builder().port(ports.kafka()).start());
            CompletableFuture<EmbeddedPostgresServer> postgres = parallel.start(() ->
                    EmbeddedPostgresServer.builder().port(ports.postgres()).start());
            CompletableFuture<EmbeddedMqttBroker> mqtt = parallel.start(() -> EmbeddedMqttBroker.builder()
                    .port(ports.mqtt())
                    .devicePort(ports.mqttDevices())
                    .start());
            parallel.awaitAll();
            EmbeddedInfrastructure infrastructure =
                    new EmbeddedInfrastructure(kafka.join(), postgres.join(), mqtt.join());
            log.info("Embedded infrastructure started in {} ms", (System.nanoTime() - started) / 1_000_000);
            return infrastructure;
        }
    }

    @Override
    public InfrastructureMode mode() {
        return InfrastructureMode.EMBEDDED;
    }

    @Override
    public KafkaConnection kafka() {
        return kafka;
    }

    @Override
    public PostgresConnection postgres() {
        return postgres;
    }

    @Override
    public MqttConnection mqtt() {
        return mqtt;
    }

    @Override
    public void close() {
        long stopping = System.nanoTime();
        Parallel.closeAll(List.of(kafka, postgres, mqtt));
        log.info("Embedded infrastructure stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
    }

    @Override
    public String toString() {
        return "embedded infrastructure [" + kafka + ", " + postgres + ", " + mqtt + "]";
    }
}
