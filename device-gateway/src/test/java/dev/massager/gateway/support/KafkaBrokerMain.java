package dev.massager.gateway.support;

import dev.massager.infra.kafka.EmbeddedKafkaServer;
import java.io.IOException;

/** Runs one embedded Kafka broker on the port given as the first argument until its standard input closes. */
public final class KafkaBrokerMain {

    static final String READY = "KAFKA READY ";

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws IOException {
        try (EmbeddedKafkaServer kafka =
                EmbeddedKafkaServer.builder().port(Integer.parseInt(args[0])).start()) {
            System.out.println(READY + kafka.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the parent closes the pipe, or kills this process.
            }
        }
    }
}
