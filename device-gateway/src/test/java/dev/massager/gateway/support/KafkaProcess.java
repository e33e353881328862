package dev.massager.gateway.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A Kafka broker in a process of its own, which a test can freeze: its connections stay open and nothing answers,
 * as in a network partition or a long stop-the-world pause, and then thaw with its data intact.
 */
public final class KafkaProcess implements AutoCloseable {

    private final ChildJvm jvm;
    private final String bootstrapServers;

    private KafkaProcess(ChildJvm jvm, String bootstrapServers) {
        this.jvm = jvm;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaProcess start(String name) throws IOException {
        int port = GatewayProcess.freePort();
        ChildJvm jvm = ChildJvm.start(name, KafkaBrokerMain.class, List.of(Integer.toString(port)));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .failFast("the Kafka process exited", () -> !jvm.isAlive())
                .until(() -> jvm.output().contains(KafkaBrokerMain.READY));
        return new KafkaProcess(jvm, "127.0.0.1:" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void freeze() throws IOException, InterruptedException {
        jvm.freeze();
    }

    public void thaw() throws IOException, InterruptedException {
        jvm.thaw();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
