package dev.massager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.gateway.support.Device;
import dev.massager.gateway.support.GatewayProcess;
import dev.massager.gateway.support.KafkaProcess;
import dev.massager.infra.Infrastructure;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.infra.mqtt.EmbeddedMqttBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The gateway as a process of its own, killed like a crash, and Kafka as a process of its own, frozen like a partition.
 * Each test has its own broker, so that no other gateway of this JVM shares its messages.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "freezes processes with kill -STOP")
class GatewayResilienceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final PayloadCodec codec = new PayloadCodec();

    private final String run =
            "rs" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<AutoCloseable> resources = new ArrayList<>();
    private EmbeddedMqttBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedMqttBroker.builder().start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        broker.close();
    }

    @Test
    void shouldDeliverEveryMessageAtLeastOnceWhenTheGatewayIsKilledMidStream() throws Exception {
        String kafka = Infrastructure.shared().kafka().bootstrapServers();
        String instance = run + "-gateway";
        GatewayProcess first = started(GatewayProcess.start(run + "-first", broker, kafka, instance));
        AtomicBoolean stop = new AtomicBoolean();

        try (TopicReader telemetry = reader(kafka)) {
            // The devices publish until told to stop, so the gateway dies and restarts in the middle of the stream.
            CompletableFuture<Integer> published = publishUntil(stop, 10);
            await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= 500);
            first.kill();

            started(GatewayProcess.start(run + "-second", broker, kafka, instance));
            int beforeRestart = telemetry.poll().size();
            await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= beforeRestart + 500);
            stop.set(true);
            int total = published.get();

            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(distinctMessages(telemetry)).hasSize(total));
        }
    }

    @Test
    void shouldAcknowledgeNothingBeforeKafkaHasIt() throws Exception {
        KafkaProcess kafka = started(KafkaProcess.start(run + "-kafka"));
        String instance = run + "-gateway";
        GatewayProcess first =
                started(GatewayProcess.start(run + "-first", broker, kafka.bootstrapServers(), instance));

        try (Device device = Device.connect(broker, run + "-0");
                TopicReader telemetry = reader(kafka.bootstrapServers())) {
            publish(device, 0, 100);
            await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= 100);

            kafka.freeze();
            publish(device, 100, 300);
            // The broker has them all (every PUBACK came); the gateway cannot get them into Kafka.
            await().atMost(PATIENCE).until(() -> first.readiness() == 503);
            // Killed now, a gateway that had acknowledged anything Kafka did not have would lose it for good.
            first.kill();
            kafka.thaw();

            started(GatewayProcess.start(run + "-second", broker, kafka.bootstrapServers(), instance));
            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(distinctMessages(telemetry)).hasSize(300));
        }
    }

    @Test
    void shouldRecoverByItselfWhenKafkaComesBack() throws Exception {
        KafkaProcess kafka = started(KafkaProcess.start(run + "-kafka"));
        // Records give up after 6 s, so the outage below outlasts them and the gateway must resend by itself.
        GatewayProcess gateway = started(GatewayProcess.start(
                run + "-gateway",
                broker,
                kafka.bootstrapServers(),
                run + "-gateway",
                List.of(
                        "--spring.kafka.producer.properties.delivery.timeout.ms=6000",
                        "--spring.kafka.producer.properties.request.timeout.ms=2000")));

        try (Device device = Device.connect(broker, run + "-0");
                TopicReader telemetry = reader(kafka.bootstrapServers())) {
            publish(device, 0, 100);
            await().atMost(PATIENCE).until(() -> telemetry.poll().size() >= 100);

            kafka.freeze();
            publish(device, 100, 300);
            await().atMost(PATIENCE).until(() -> gateway.readiness() == 503);
            await().atMost(PATIENCE).until(() -> gateway.metric("gateway_produce_failures_total") > 0);
            kafka.thaw();

            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(distinctMessages(telemetry)).hasSize(300));
            await().atMost(PATIENCE).until(gateway::isReady);
        }
    }

    /**
     * Publishes from several devices on background threads, a message every 5 ms each, until {@code stop}; completes
     * with the number of messages the broker acknowledged.
     */
    private CompletableFuture<Integer> publishUntil(AtomicBoolean stop, int devices) {
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            String id = run + "-" + i;
            all.add(CompletableFuture.supplyAsync(() -> {
                try (Device device = Device.connect(broker, id)) {
                    long next = System.nanoTime();
                    int seq = 0;
                    while (!stop.get()) {
                        next += Duration.ofMillis(5).toNanos();
                        LockSupport.parkNanos(next - System.nanoTime());
                        device.publish("telemetry", Device.sample(seq++, "s-1"));
                    }
                    device.flush();
                    return seq;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(
                        done -> all.stream().mapToInt(CompletableFuture::join).sum());
    }

    private static void publish(Device device, int fromSeq, int toSeq) throws Exception {
        for (int seq = fromSeq; seq < toSeq; seq++) {
            device.publish("telemetry", Device.sample(seq, "s-1"));
        }
        device.flush();
    }

    /** The (device, seq) pairs that reached Kafka: redeliveries may add duplicates, never gaps. */
    private static Set<String> distinctMessages(TopicReader telemetry) {
        return telemetry.poll().stream()
                .map(record -> record.key() + "/"
                        + codec.decode(record.value(), TelemetrySample.class).seq())
                .collect(Collectors.toSet());
    }

    private TopicReader reader(String kafka) {
        return new TopicReader(kafka, KafkaTopics.TELEMETRY, key -> key.startsWith(run));
    }

    private <T extends AutoCloseable> T started(T resource) {
        resources.add(resource);
        return resource;
    }
}
