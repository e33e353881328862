package dev.massager.infra;

/** How a client reaches the Kafka broker. */
public interface KafkaConnection {

    /**
     * The Kafka {@code bootstrap.servers} value.
     *
     * @return a comma-separated {@code host:port} list, for example {@code 127.0.0.1:40123}
     */
    String bootstrapServers();
}
