package dev.massager.gateway.ingest;

import static dev.massager.common.microbench.DevicePayloads.batch;
import static dev.massager.common.microbench.DevicePayloads.sample;
import static dev.massager.common.microbench.DevicePayloads.sampleTime;
import static dev.massager.common.microbench.DevicePayloads.sessionStarted;
import static dev.massager.common.microbench.DevicePayloads.sessionStartedTime;
import static dev.massager.common.microbench.DevicePayloads.utf8;

import dev.massager.common.codec.PayloadCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MQTT message to the Kafka records it stands for: topic check, payload validation, re-encoding, headers. The
 * gateway does this for every message it takes from the broker, so the score is MQTT messages per second on one
 * core, before Kafka; a batch is 500 samples and becomes 500 records.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class IngestMappingBenchmark {

    /** Distinct messages of each kind, mapped in turn. */
    private static final int VARIANTS = 1024;

    private static final int BATCH_SIZE = 500;

    /** The gateway receives a message a little after the device sent it. */
    private static final Duration TRANSIT = Duration.ofMillis(400);

    private IngestMapping mapping;
    private Message[] samples;
    private Message[] events;
    private Message[] batches;
    private Message[] outOfRange;
    private int next;

    /** What the MQTT client hands the gateway. */
    private record Message(String topic, byte[] payload, Instant receivedAt) {}

    @Setup
    public void setUp() {
        // As the gateway is configured by default.
        mapping = new IngestMapping(
                new PayloadCodec(), new ClockSkewBounds(Duration.ofMinutes(5), Duration.ofDays(7)), "gateway-1");
        samples = new Message[VARIANTS];
        events = new Message[VARIANTS];
        outOfRange = new Message[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            samples[i] = telemetry(i, sample(i), sampleTime(i));
            events[i] = new Message(
                    topic(i, "events"),
                    utf8(sessionStarted(i)),
                    sessionStartedTime(i).plus(TRANSIT));
            // A pressure beyond the 250 mmHg a chamber can hold: a dead letter, after a look at the other kinds.
            outOfRange[i] = telemetry(i, sample(i).replace("\"calf\":", "\"calf\":9"), sampleTime(i));
        }
        // Fewer batches: 16 of them are already 3 MB, more than the caches hold.
        batches = new Message[16];
        for (int i = 0; i < batches.length; i++) {
            // A backlog, uploaded when the device is back online: received after its last sample.
            int last = (i + 1) * BATCH_SIZE - 1;
            batches[i] = telemetry(i, batch(i * BATCH_SIZE, BATCH_SIZE), sampleTime(last));
        }
        require(samples[0], 1, false);
        require(events[0], 1, false);
        require(batches[0], BATCH_SIZE, false);
        require(outOfRange[0], 1, true);
    }

    @Benchmark
    public Ingested singleSample() {
        return map(samples[next()]);
    }

    @Benchmark
    public Ingested sessionStartedEvent() {
        return map(events[next()]);
    }

    /** One operation is a batch of 500 samples: records per second are 500 times the score. */
    @Benchmark
    public Ingested batchOf500Samples() {
        return map(batches[next() % batches.length]);
    }

    /** An invalid sample: the dead letter, with the check that it is not a valid payload of another kind. */
    @Benchmark
    public Ingested refusedOutOfRange() {
        return map(outOfRange[next()]);
    }

    private Ingested map(Message message) {
        return mapping.map(message.topic(), message.payload(), message.receivedAt());
    }

    private int next() {
        next = (next + 1) % VARIANTS;
        return next;
    }

    /** A benchmark of a path the message does not take would measure the wrong thing. */
    private void require(Message message, int records, boolean rejected) {
        Ingested ingested = map(message);
        if (ingested.records().size() != records || ingested.rejection().isPresent() != rejected) {
            throw new IllegalStateException("unexpected mapping of " + message.topic() + ": " + ingested);
        }
    }

    /** Received shortly after {@code sentAt}, so that no record is flagged for clock skew. */
    private static Message telemetry(int i, String payload, Instant sentAt) {
        return new Message(topic(i, "telemetry"), utf8(payload), sentAt.plus(TRANSIT));
    }

    /** Messages come from a fleet, not from one device. */
    private static String topic(int i, String kind) {
        return "massagers/m-" + String.format(Locale.ROOT, "%04d", i % 100) + "/" + kind;
    }
}
