package dev.massager.common.codec;

import static dev.massager.common.microbench.DevicePayloads.batch;
import static dev.massager.common.microbench.DevicePayloads.sample;
import static dev.massager.common.microbench.DevicePayloads.sessionStarted;
import static dev.massager.common.microbench.DevicePayloads.utf8;

import dev.massager.common.PayloadException;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.TelemetrySample;
import java.util.List;
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
 * Reading device payloads: parsing, the size and number checks, JSON Schema validation and binding to the records,
 * as the gateway does for every MQTT message. Scores are payloads per second; a batch is 500 samples.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PayloadCodecBenchmark {

    /** Distinct payloads of each kind, read in turn. */
    private static final int VARIANTS = 1024;

    private static final int BATCH_SIZE = 500;

    private PayloadCodec codec;
    private byte[][] samples;
    private byte[][] events;
    private byte[][] batches;
    private byte[][] outOfRange;
    private byte[][] notJson;
    private int next;

    @Setup
    public void setUp() {
        codec = new PayloadCodec();
        samples = new byte[VARIANTS][];
        events = new byte[VARIANTS][];
        outOfRange = new byte[VARIANTS][];
        notJson = new byte[VARIANTS][];
        for (int i = 0; i < VARIANTS; i++) {
            samples[i] = utf8(sample(i));
            events[i] = utf8(sessionStarted(i));
            // A pressure beyond the 250 mmHg a chamber can hold: refused by the schema, after the parser.
            outOfRange[i] = utf8(sample(i).replace("\"calf\":", "\"calf\":9"));
            // Cut short, as by a connection that dropped mid-message: refused by the parser.
            notJson[i] = utf8(sample(i).substring(0, 120));
        }
        // Fewer batches: 16 of them are already 3 MB, more than the caches hold.
        batches = new byte[16][];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = utf8(batch(i * BATCH_SIZE, BATCH_SIZE));
        }
        requireAccepted(samples[0], events[0], batches[0]);
        requireRefused(outOfRange[0], notJson[0]);
    }

    @Benchmark
    public List<TelemetrySample> singleSample() {
        return codec.decodeTelemetry(samples[next()]);
    }

    @Benchmark
    public DeviceEvent sessionStartedEvent() {
        return codec.decode(events[next()], DeviceEvent.class);
    }

    /** One operation is a batch of 500 samples: samples per second are 500 times the score. */
    @Benchmark
    public List<TelemetrySample> batchOf500Samples() {
        return codec.decodeTelemetry(batches[next() % batches.length]);
    }

    /** Valid JSON that breaks the schema: the parse, the validation and the error report. */
    @Benchmark
    public PayloadException refusedOutOfRange() {
        return refusal(outOfRange[next()]);
    }

    /** Truncated JSON: refused by the parser, before any validation. */
    @Benchmark
    public PayloadException refusedNotJson() {
        return refusal(notJson[next()]);
    }

    private PayloadException refusal(byte[] payload) {
        try {
            codec.decodeTelemetry(payload);
        } catch (PayloadException e) {
            return e;
        }
        throw new IllegalStateException("accepted a payload it should refuse");
    }

    private int next() {
        next = (next + 1) % VARIANTS;
        return next;
    }

    /** A benchmark of a path the payload does not take would measure the wrong thing. */
    private void requireAccepted(byte[] sample, byte[] event, byte[] batch) {
        codec.decodeTelemetry(sample);
        codec.decode(event, DeviceEvent.class);
        if (codec.decodeTelemetry(batch).size() != BATCH_SIZE) {
            throw new IllegalStateException("the batch lost samples");
        }
    }

    private void requireRefused(byte[]... payloads) {
        for (byte[] payload : payloads) {
            refusal(payload);
        }
    }
}
