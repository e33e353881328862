package dev.massager.gateway.ingest;

import dev.massager.common.RejectReason;
import dev.massager.common.topic.MqttTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Produces what a device message became and reports when every record of it is in Kafka: the moment, and the only
 * moment, at which the MQTT message may be acknowledged.
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final IngestMapping mapping;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final InFlight inFlight = new InFlight();
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

    private final Map<MqttTopic.Kind, Counter> received = new EnumMap<>(MqttTopic.Kind.class);
    private final Counter receivedOnUnknownTopic;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final MeterRegistry meters;
    private final Timer produceLatency;
    private final Counter produceFailures;
    private final Map<String, Counter> produced = new ConcurrentHashMap<>();

    public IngestPipeline(
            IngestMapping mapping, KafkaTemplate<String, byte[]> kafka, Clock clock, MeterRegistry meters) {
        this.mapping = mapping;
        this.kafka = kafka;
        this.clock = clock;
        this.meters = meters;
        for (MqttTopic.Kind kind : MqttTopic.Kind.values()) {
            received.put(kind, receivedCounter(kind.level()));
        }
        this.receivedOnUnknownTopic = receivedCounter("unknown");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(
                    reason,
                    Counter.builder("gateway.messages.rejected")
                            .description("MQTT messages sent to the dead-letter topic, by reason")
                            .tag("reason", reason.name())
                            .register(meters));
        }
        this.produceLatency = Timer.builder("gateway.produce.latency")
                .description("From an MQTT message's arrival until Kafka acknowledged all its records")
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(meters);
        this.produceFailures = Counter.builder("gateway.produce.failures")
                .description("MQTT messages left unacknowledged because Kafka did not take a record of them")
                .register(meters);
        meters.gauge("gateway.messages.in-flight", inFlight, InFlight::count);
    }

    /**
     * Maps and produces one message. Never throws: the outcome goes to {@code done}, {@code true} once Kafka
     * acknowledged every record, {@code false} if it did not take one of them, in which case the message must not be
     * acknowledged, so that the broker delivers it again.
     */
    public void ingest(String mqttTopic, byte[] payload, Consumer<Boolean> done) {
        long ticket = inFlight.begin();
        try {
            Ingested ingested = mapping.map(mqttTopic, payload, clock.instant());
            count(ingested);
            CompletableFuture<?>[] sends =
                    new CompletableFuture<?>[ingested.records().size()];
            for (int i = 0; i < sends.length; i++) {
                ProducerRecord<String, byte[]> record = ingested.records().get(i);
                sends[i] = kafka.send(record).thenRun(() -> produced(record.topic()));
            }
            CompletableFuture.allOf(sends).whenComplete((ok, failure) -> finish(ticket, failure, done));
        } catch (RuntimeException | Error e) {
            // send() itself throws when Kafka's metadata cannot be had within max.block.ms.
            finish(ticket, e, done);
        }
    }

    /** Messages waiting for Kafka. */
    public InFlight inFlight() {
        return inFlight;
    }

    /** The last produce failure, cleared by the next success; {@code null} when Kafka takes what it is given. */
    public Throwable lastFailure() {
        return lastFailure.get();
    }

    private void finish(long ticket, Throwable failure, Consumer<Boolean> done) {
        produceLatency.record(inFlight.end(ticket));
        if (failure == null) {
            lastFailure.set(null);
        } else {
            produceFailures.increment();
            if (lastFailure.getAndSet(failure) == null) {
                log.warn("Kafka did not take a record; the MQTT message stays unacknowledged", failure);
            }
        }
        done.accept(failure == null);
    }

    private void count(Ingested ingested) {
        (ingested.kind() == null ? receivedOnUnknownTopic : received.get(ingested.kind())).increment();
        ingested.rejection().ifPresent(reason -> rejected.get(reason).increment());
    }

    private void produced(String topic) {
        // Looked up once per topic, not per record: this runs for every record the gateway produces.
        produced.computeIfAbsent(
                        topic,
                        name -> Counter.builder("gateway.records.produced")
                                .description("Records Kafka acknowledged, by topic")
                                .tag("topic", name)
                                .register(meters))
                .increment();
    }

    private Counter receivedCounter(String kind) {
        return Counter.builder("gateway.messages.received")
                .description("MQTT messages received from the broker, by topic kind")
                .tag("kind", kind)
                .register(meters);
    }
}
