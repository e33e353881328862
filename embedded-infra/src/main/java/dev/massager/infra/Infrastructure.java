package dev.massager.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running set of the servers the backend needs: one Kafka broker, one PostgreSQL server with the databases
 * {@value PostgresConnection#SESSIONS} and {@value PostgresConnection#ANALYTICS}, one MQTT broker.
 *
 * <p>Tests normally use {@link #shared()}: started once per JVM on first use, so that every test class of a run shares
 * one set of servers, and stopped by a shutdown hook. {@link InfrastructureMode} says whether the servers run inside
 * the JVM or in containers.
 */
public interface Infrastructure extends AutoCloseable {

    /** The Spring Boot property that {@link #springProperties()} sets to {@link KafkaConnection#bootstrapServers()}. */
    String KAFKA_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

    /** The Spring Boot property that {@link #springProperties(String)} sets to the database's JDBC URL. */
    String DATASOURCE_URL = "spring.datasource.url";

    /** The Spring Boot property that {@link #springProperties(String)} sets to {@link PostgresConnection#username()}. */
    String DATASOURCE_USERNAME = "spring.datasource.username";

    /** The Spring Boot property that {@link #springProperties(String)} sets to {@link PostgresConnection#password()}. */
    String DATASOURCE_PASSWORD = "spring.datasource.password";

    /** The project's property that {@link #springProperties()} sets to {@link MqttConnection#serverUri()}. */
    String MQTT_SERVER_URI = "massager.mqtt.server-uri";

    /** The project's property that {@link #springProperties()} sets to {@link MqttConnection#backendUsername()}. */
    String MQTT_USERNAME = "massager.mqtt.username";

    /** The project's property that {@link #springProperties()} sets to {@link MqttConnection#backendPassword()}. */
    String MQTT_PASSWORD = "massager.mqtt.password";

    /**
     * Where these servers run.
     *
     * @return {@link InfrastructureMode#EMBEDDED} or {@link InfrastructureMode#CONTAINERS}
     */
    InfrastructureMode mode();

    /**
     * The Kafka broker.
     *
     * @return its connection details
     */
    KafkaConnection kafka();

    /**
     * The PostgreSQL server.
     *
     * @return its connection details
     */
    PostgresConnection postgres();

    /**
     * The MQTT broker.
     *
     * @return its connection details
     */
    MqttConnection mqtt();

    /**
     * The connection details as the properties a service reads, without a database.
     *
     * @return {@value #KAFKA_BOOTSTRAP_SERVERS}, and {@value #MQTT_SERVER_URI}, {@value #MQTT_USERNAME} and
     *     {@value #MQTT_PASSWORD} for the broker's backend listener
     */
    default Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(KAFKA_BOOTSTRAP_SERVERS, kafka().bootstrapServers());
        properties.put(MQTT_SERVER_URI, mqtt().serverUri());
        properties.put(MQTT_USERNAME, mqtt().backendUsername());
        properties.put(MQTT_PASSWORD, mqtt().backendPassword());
        return Map.copyOf(properties);
    }

    /**
     * The connection details as the properties a service reads, with its database.
     *
     * @param database one of {@link PostgresConnection#DATABASES}
     * @return the properties of {@link #springProperties()} and {@value #DATASOURCE_URL}, {@value #DATASOURCE_USERNAME}
     *     and {@value #DATASOURCE_PASSWORD}
     * @throws IllegalArgumentException if there is no such database
     */
    default Map<String, String> springProperties(String database) {
        if (!PostgresConnection.DATABASES.contains(database)) {
            throw new IllegalArgumentException(
                    "No database '" + database + "': choose one of " + PostgresConnection.DATABASES);
        }
        Map<String, String> properties = new LinkedHashMap<>(springProperties());
        properties.put(DATASOURCE_URL, postgres().jdbcUrl(database));
        properties.put(DATASOURCE_USERNAME, postgres().username());
        properties.put(DATASOURCE_PASSWORD, postgres().password());
        return Map.copyOf(properties);
    }

    /** Stops the servers. The shared instances ignore this: a shutdown hook stops them. */
    @Override
    void close();

    /**
     * The JVM-wide instance of the configured mode ({@link InfrastructureMode#configured()}), started on first use.
     *
     * @return the running shared infrastructure
     * @throws IllegalStateException if it cannot start (and on every later call in this JVM)
     */
    static Infrastructure shared() {
        return shared(InfrastructureMode.configured());
    }

    /**
     * The JVM-wide instance of one mode, started on first use.
     *
     * @param mode the mode; {@link InfrastructureMode#AUTO} resolves to one of the others
     * @return the running shared infrastructure
     * @throws IllegalStateException if it cannot start (and on every later call in this JVM)
     */
    static Infrastructure shared(InfrastructureMode mode) {
        return SharedInfrastructure.get(mode.resolve());
    }

    /**
     * Starts a new set of servers, which the caller closes.
     *
     * @param mode the mode; {@link InfrastructureMode#AUTO} resolves to one of the others
     * @return the running infrastructure
     */
    static Infrastructure start(InfrastructureMode mode) {
        return switch (mode.resolve()) {
            case EMBEDDED -> EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.ANY);
            case CONTAINERS -> ContainerInfrastructure.start();
            case AUTO -> throw new IllegalStateException("AUTO resolves to EMBEDDED or CONTAINERS");
        };
    }
}
