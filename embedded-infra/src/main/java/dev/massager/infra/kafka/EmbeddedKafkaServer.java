package dev.massager.infra.kafka;

import dev.massager.infra.KafkaConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) running inside this JVM. Clients connect to a listener
 * of their own on {@code 127.0.0.1}; the broker's inter-broker and controller listeners, which the underlying test kit
 * binds itself, listen on random ports of every interface.
 *
 * <p>The defaults suit tests against one broker: replication factor 1 everywhere and {@code min.insync.replicas=1},
 * so idempotent producers with {@code acks=all} and transactional producers work; topics are auto-created with
 * {@value #DEFAULT_PARTITIONS} partitions; internal topics are small so that the first consumer group or transaction
 * does not wait for fifty partitions to be created.
 *
 * <pre>{@code
 * try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.builder().start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafkaServer implements KafkaConnection, AutoCloseable {

    /** Partitions of an auto-created topic. */
    public static final int DEFAULT_PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);

    private static final String HOST = "127.0.0.1";

    private static final String CLIENT_LISTENER = "CLIENT";

    private final EmbeddedKafkaKraftBroker broker;

    private final String bootstrapServers;

    private final List<Runnable> cleanups;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker, String bootstrapServers, List<Runnable> cleanups) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.cleanups = cleanups;
    }

    /**
     * Starts configuring a broker.
     *
     * @return a builder with the test defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and deletes its log directories. */
    @Override
    public void close() {
        broker.destroy();
        cleanups.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaServer[" + bootstrapServers + "]";
    }

    /** Configures and starts an {@link EmbeddedKafkaServer}. */
    public static final class Builder {

        private int port;

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {
            brokerProperty("num.partitions", Integer.toString(DEFAULT_PARTITIONS));
            brokerProperty("default.replication.factor", "1");
            brokerProperty("min.insync.replicas", "1");
            brokerProperty("offsets.topic.replication.factor", "1");
            brokerProperty("offsets.topic.num.partitions", "5");
            brokerProperty("transaction.state.log.replication.factor", "1");
            brokerProperty("transaction.state.log.min.isr", "1");
            brokerProperty("transaction.state.log.num.partitions", "5");
            brokerProperty("share.coordinator.state.topic.replication.factor", "1");
            brokerProperty("share.coordinator.state.topic.min.isr", "1");
            brokerProperty("group.initial.rebalance.delay.ms", "0");
            brokerProperty("auto.create.topics.enable", "true");
        }

        /**
         * The port of the client listener.
         *
         * @param port a fixed port, or 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets a broker configuration property, overriding a default.
         *
         * @param name a Kafka broker property, for example {@code num.partitions}
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(name, value);
            return this;
        }

        /**
         * Starts the broker and waits until it accepts clients.
         *
         * @return the running broker
         */
        public EmbeddedKafkaServer start() {
            long started = System.nanoTime();
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
            broker.brokerProperties(brokerProperties);
            // The test kit pre-binds its own listeners on the wildcard address and a random port, and ignores the port
            // configured for them. Clients get a listener of their own: bound to IPv4 loopback and the requested port.
            broker.brokerProperty(
                    "listeners",
                    "EXTERNAL://" + HOST + ":0,CONTROLLER://" + HOST + ":0," + CLIENT_LISTENER + "://" + HOST + ":"
                            + port);
            broker.brokerProperty(
                    "listener.security.protocol.map",
                    "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT");
            // Spring publishes the broker list as a system property; keep "spring.kafka.bootstrap-servers" out of the
            // JVM's system properties, where it would leak into every Spring context of the test run.
            broker.brokerListProperty(EmbeddedKafkaKraftBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
            List<Runnable> cleanups = startCapturingCleanups(broker);
            int boundPort = broker.getCluster()
                    .brokers()
                    .values()
                    .iterator()
                    .next()
                    .boundPort(ListenerName.normalised(CLIENT_LISTENER));
            String bootstrapServers = HOST + ":" + boundPort;
            log.info("Kafka started on {} in {} ms", bootstrapServers, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedKafkaServer(broker, bootstrapServers, cleanups);
        }

        /**
         * Starts the broker. Kafka's test kit registers a JVM shutdown hook that deletes the broker's directories; at
         * JVM exit it would race with {@link #close()}, and the stopping broker would log errors about vanished files.
         * The hooks are kept instead and run by {@link #close()}, after the broker has stopped.
         */
        private static List<Runnable> startCapturingCleanups(EmbeddedKafkaKraftBroker broker) {
            List<Runnable> cleanups = new ArrayList<>();
            synchronized (EmbeddedKafkaServer.class) {
                Exit.setShutdownHookAdder((name, hook) -> cleanups.add(hook));
                try {
                    broker.afterPropertiesSet();
                } catch (RuntimeException e) {
                    cleanups.forEach(Runnable::run);
                    throw e;
                } finally {
                    Exit.resetShutdownHookAdder();
                }
            }
            return cleanups;
        }
    }
}
