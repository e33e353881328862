package dev.massager.infra;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded servers for a service started by hand, until Ctrl-C. Ports are free ones unless fixed with the
 * system properties {@value #KAFKA_PORT}, {@value #POSTGRES_PORT}, {@value #MQTT_PORT} and {@value #MQTT_DEVICE_PORT}.
 *
 * <pre>
 * ./mvnw -pl embedded-infra -am compile exec:java -Dmassager.infra.kafka.port=9092 -Dmassager.infra.postgres.port=5432 \
 *     -Dmassager.infra.mqtt.port=1883 -Dmassager.infra.mqtt.device-port=8883
 * </pre>
 */
public final class LocalInfrastructure {

    /** The system property fixing Kafka's client port. */
    public static final String KAFKA_PORT = "massager.infra.kafka.port";

    /** The system property fixing PostgreSQL's port. */
    public static final String POSTGRES_PORT = "massager.infra.postgres.port";

    /** The system property fixing the port of the MQTT broker's backend listener. */
    public static final String MQTT_PORT = "massager.infra.mqtt.port";

    /** The system property fixing the port of the MQTT broker's device listener. */
    public static final String MQTT_DEVICE_PORT = "massager.infra.mqtt.device-port";

    private static final String LOGGING_CONFIGURATION = "logback.configurationFile";

    /** The services that own a database, by database. */
    private static final List<Map.Entry<String, String>> SERVICES = List.of(
            Map.entry(PostgresConnection.SESSIONS, "session-service"),
            Map.entry(PostgresConnection.ANALYTICS, "analytics-service"));

    private LocalInfrastructure() {}

    /**
     * Starts the servers, prints their connection details and waits for Ctrl-C.
     *
     * @param args ignored
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        // Before the first logger: the jars bring HiveMQ's logback.xml, which logs every Kafka detail at INFO.
        if (System.getProperty(LOGGING_CONFIGURATION) == null) {
            System.setProperty(LOGGING_CONFIGURATION, "dev/massager/infra/local-logback.xml");
        }
        EmbeddedInfrastructure.Ports ports = new EmbeddedInfrastructure.Ports(
                port(KAFKA_PORT), port(POSTGRES_PORT), port(MQTT_PORT), port(MQTT_DEVICE_PORT));
        Infrastructure infrastructure = EmbeddedInfrastructure.start(ports);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping the local infrastructure...");
                            infrastructure.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "massager-infra-local-stop"));
        System.out.println(describe(infrastructure));
        stopped.await();
    }

    static String describe(Infrastructure infrastructure) {
        PostgresConnection postgres = infrastructure.postgres();
        StringBuilder text = new StringBuilder()
                .append("\n=== Massager local infrastructure (")
                .append(infrastructure.mode().name().toLowerCase(Locale.ROOT))
                .append(") is running. Ctrl-C stops it. ===\n\n")
                .append(row("Kafka", "bootstrap servers", infrastructure.kafka().bootstrapServers()));
        String server = "PostgreSQL";
        for (String database : PostgresConnection.DATABASES) {
            text.append(row(server, database, postgres.jdbcUrl(database)));
            server = "";
        }
        text.append(row("", "user / password", postgres.username() + " / " + postgres.password()))
                .append(row("MQTT", "backend URI", infrastructure.mqtt().serverUri()))
                .append(row(
                        "",
                        "user / password",
                        infrastructure.mqtt().backendUsername() + " / "
                                + infrastructure.mqtt().backendPassword()))
                .append(row("", "device URI", infrastructure.mqtt().deviceServerUri()))
                .append("\nProperties for device-gateway:\n")
                .append(properties(infrastructure.springProperties()));
        for (Map.Entry<String, String> service : SERVICES) {
            text.append("\nProperties for ")
                    .append(service.getValue())
                    .append(":\n")
                    .append(properties(infrastructure.springProperties(service.getKey())));
        }
        return text.toString();
    }

    private static String row(String server, String what, String value) {
        return String.format("  %-11s %-18s %s\n", server, what, value);
    }

    private static String properties(Map<String, String> properties) {
        StringBuilder lines = new StringBuilder();
        properties.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(property -> lines.append("  --")
                        .append(property.getKey())
                        .append('=')
                        .append(property.getValue())
                        .append('\n'));
        return lines.toString();
    }

    private static int port(String property) {
        String value = System.getProperty(property, "0");
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " is not a port: " + value, e);
        }
    }
}
