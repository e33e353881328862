package dev.massager.simulator.run;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.common.topic.MqttTopic;
import dev.massager.simulator.device.DeviceMessage;
import dev.massager.simulator.mqtt.DeviceLink;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Telemetry at a fixed rate from many devices, and how long each message takes from its scheduled publish time until
 * it can be read from Kafka. Each message is timed from when it was due, not from when it was sent, so a sender that
 * falls behind shows as latency instead of hiding it (no coordinated omission). Every sample carries a unique counter,
 * which a consumer on the telemetry topic matches. After the measured part it waits for what is still on its way (the
 * drain); what is not in Kafka then is reported, whether lost or still queued in the broker behind a gateway that
 * cannot keep up.
 *
 * <p>The devices connect once, in {@link #open}, and stay connected for any number of {@link #run runs}, so that a
 * benchmark can try several rates without paying for a thousand TLS handshakes each time.
 */
public final class Load implements AutoCloseable {

    private static final int SENDER_THREADS = 4;

    private static final byte[] SEQ_FIELD = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    /** When a message was due, in {@link System#nanoTime()}, and whether it counts (not warm-up). */
    private record Due(long at, boolean measured) {}

    /** One run's schedule and counters. */
    private static final class Run {
        final Map<Long, Due> dueBySeq = new ConcurrentHashMap<>();
        final Histogram latencyMicros = new Histogram(Duration.ofMinutes(10).toNanos() / 1_000, 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong acknowledgedInTime = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        volatile long measureFrom;
        volatile long measureUntil;
    }

    private final Connection connection;
    private final String devicePrefix;
    private final PayloadCodec codec = new PayloadCodec();
    private final Map<String, DeviceLink> links = new ConcurrentHashMap<>();
    private final List<DeviceLink> devices = new ArrayList<>();
    /** Counters only go up, across runs: each device's {@code seq} must, and each run's are told apart by it. */
    private final AtomicLong nextSeq = new AtomicLong(Instant.now().getEpochSecond() * 1_000_000L);

    private KafkaConsumer<String, byte[]> consumer;
    private Thread reader;
    private volatile Throwable readerFailure;
    private volatile boolean consuming = true;
    private volatile Run current;

    private Load(Connection connection, String devicePrefix) {
        this.connection = connection;
        this.devicePrefix = devicePrefix;
    }

    /**
     * Connects the devices. Until {@link #readFrom} or {@link #arrived} is called, nothing arrives.
     *
     * @param connection where the devices connect
     * @param devices how many, each on its own connection: {@code <prefix>-0001} and on
     * @param devicePrefix their ids' prefix
     * @param out where progress goes
     * @return the connected devices, which the caller closes
     */
    public static Load open(Connection connection, int devices, String devicePrefix, PrintStream out)
            throws InterruptedException {
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be positive");
        }
        Load load = new Load(connection, devicePrefix);
        try {
            load.connect(devices, out);
            return load;
        } catch (RuntimeException | InterruptedException e) {
            load.close();
            throw e;
        }
    }

    private void connect(int count, PrintStream out) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(String.format("%s-%04d", devicePrefix, i));
        }
        out.printf("load: connecting %d devices...%n", ids.size());
        Simulation.forEach(ids, 16, id -> links.put(id, connect(id)));
        ids.forEach(id -> devices.add(links.get(id)));
    }

    /**
     * Counts a sample as arrived when it can be read from the gateway's telemetry topic, from now on.
     *
     * @param kafkaBootstrapServers where the gateway's topics are; the topic must exist
     */
    public synchronized void readFrom(String kafkaBootstrapServers) throws InterruptedException {
        if (reader != null) {
            throw new IllegalStateException("reading Kafka already");
        }
        consumer = consumer(kafkaBootstrapServers);
        CountDownLatch positioned = new CountDownLatch(1);
        reader = new Thread(() -> consume(positioned), "load-kafka-reader");
        reader.setUncaughtExceptionHandler((thread, failure) -> readerFailure = failure);
        reader.start();
        if (!positioned.await(60, TimeUnit.SECONDS) || readerFailure != null) {
            throw new IllegalStateException(
                    "could not read " + KafkaTopics.TELEMETRY + " at " + kafkaBootstrapServers, readerFailure);
        }
    }

    /** The connected devices. */
    public int devices() {
        return devices.size();
    }

    /**
     * Publishes at {@code rate} for {@code warmup} and then {@code duration}, and waits up to {@code drain} for what is
     * still on its way to Kafka.
     *
     * @param rate messages per second, over all devices
     * @param duration the measured part
     * @param warmup sent before the measured part and not counted
     * @param drain how long to wait after the measured part for messages still on their way
     * @param out where progress goes
     * @return what the measured part achieved
     */
    public LoadReport run(int rate, Duration duration, Duration warmup, Duration drain, PrintStream out)
            throws InterruptedException {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be positive");
        }
        Run run = new Run();
        current = run;
        long start = System.nanoTime() + 100_000_000L;
        run.measureFrom = start + warmup.toNanos();
        run.measureUntil = run.measureFrom + duration.toNanos();
        Instant startedAt = Instant.now().plusNanos(run.measureFrom - System.nanoTime());
        out.printf(
                "load: %,d messages/s from %d devices, %d s warm-up, %d s measured...%n",
                rate, devices.size(), warmup.toSeconds(), duration.toSeconds());
        long total = (long) Math.ceil((run.measureUntil - start) / 1e9 * rate) + 1;
        long seqBase = nextSeq.getAndAdd(total);
        List<Thread> senders = new ArrayList<>();
        int threads = Math.min(SENDER_THREADS, devices.size());
        for (int s = 0; s < threads; s++) {
            int slot = s;
            Thread sender = new Thread(() -> send(run, rate, slot, threads, start, seqBase), "load-sender-" + s);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline
                && (run.acknowledged.get() + run.failed.get() < run.sent.get()
                        || run.delivered.get() < run.acknowledged.get())) {
            if (readerFailure != null) {
                throw new IllegalStateException("reading " + KafkaTopics.TELEMETRY + " failed", readerFailure);
            }
            Thread.sleep(20);
        }
        synchronized (run.latencyMicros) {
            Histogram latency = run.latencyMicros;
            return new LoadReport(
                    startedAt,
                    devices.size(),
                    rate,
                    duration,
                    run.sent.get(),
                    run.acknowledged.get(),
                    run.acknowledgedInTime.get() / (duration.toNanos() / 1e9),
                    run.delivered.get(),
                    run.sent.get() - run.delivered.get(),
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getValueAtPercentile(99.9) / 1000.0,
                    latency.getMaxValue() / 1000.0,
                    Machine.current());
        }
    }

    /** Disconnects the devices cleanly (retained OFFLINE, no Last Will) and stops reading. */
    @Override
    public void close() throws InterruptedException {
        try {
            Simulation.forEach(
                    List.copyOf(links.values()),
                    16,
                    link -> link.disconnect(status(link.deviceId(), DeviceState.OFFLINE)));
        } finally {
            // The reader first: a consumer is closed only by the thread that polls it, or after that thread ended.
            consuming = false;
            if (reader != null) {
                reader.join();
            }
            if (consumer != null) {
                consumer.close();
            }
            links.values().forEach(DeviceLink::close);
        }
    }

    private DeviceLink connect(String id) {
        return DeviceLink.connect(
                connection.serverUri(),
                id,
                connection.credentials(),
                status(id, DeviceState.ONLINE),
                status(id, DeviceState.OFFLINE));
    }

    private byte[] status(String id, DeviceState state) {
        return codec.encode(new DeviceStatus(state, Instant.now(), "load-1"));
    }

    /**
     * Sender {@code slot} of {@code threads} publishes the messages of the schedule that go to its own devices (those
     * whose index is {@code slot} modulo {@code threads}), so each device is driven by one thread and its counter only
     * goes up. Message {@code k} goes to device {@code k} modulo the device count and carries counter
     * {@code seqBase + k}: unique across runs.
     */
    private void send(Run run, int rate, int slot, int threads, long start, long seqBase) {
        double interval = 1e9 / rate;
        String session = "load-" + seqBase;
        for (long k = 0; ; k++) {
            int index = (int) (k % devices.size());
            if (index % threads != slot) {
                continue;
            }
            long due = start + (long) (k * interval);
            if (due >= run.measureUntil) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            DeviceLink device = devices.get(index);
            long seq = seqBase + k;
            MqttTopic topic = MqttTopic.of(device.deviceId(), MqttTopic.Kind.TELEMETRY);
            byte[] payload = codec.encode(new TelemetrySample(
                    seq, Instant.now(), session, Mode.WAVE, 2, Heat.OFF, new Pressure(42, 58, 51), 81));
            boolean measured = due >= run.measureFrom;
            run.dueBySeq.put(seq, new Due(due, measured));
            if (measured) {
                run.sent.incrementAndGet();
            }
            device.publish(new DeviceMessage(topic, payload, Instant.now(), seq))
                    .whenComplete((ok, failure) -> {
                        if (!measured) {
                            return;
                        }
                        if (failure != null) {
                            run.failed.incrementAndGet();
                        } else {
                            run.acknowledged.incrementAndGet();
                            if (System.nanoTime() <= run.measureUntil) {
                                run.acknowledgedInTime.incrementAndGet();
                            }
                        }
                    });
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String kafkaBootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void consume(CountDownLatch positioned) {
        List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.TELEMETRY, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        positioned.countDown();
        String prefix = devicePrefix + "-";
        while (consuming) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                if (record.key() != null && record.key().startsWith(prefix)) {
                    arrived(record.value());
                }
            }
        }
    }

    /**
     * Counts a sample of the current run as arrived, now: what the Kafka reader does for each record on the telemetry
     * topic, and what a subscriber on the broker does when the broker alone is measured.
     *
     * @param sample the sample as encoded, by the device or by the gateway
     */
    public void arrived(byte[] sample) {
        Run run = current;
        if (run == null) {
            return;
        }
        long now = System.nanoTime();
        Due due = run.dueBySeq.remove(seq(sample));
        if (due != null && due.measured()) {
            run.delivered.incrementAndGet();
            synchronized (run.latencyMicros) {
                run.latencyMicros.recordValue(Math.max(0, now - due.at()) / 1_000);
            }
        }
    }

    /**
     * Waits until every message of the last run, warm-up included, has arrived: after an overload, so that the next run
     * does not measure the backlog of this one.
     *
     * @return whether all arrived within {@code timeout}
     */
    public boolean awaitArrived(Duration timeout) throws InterruptedException {
        Run run = current;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (run != null && !run.dueBySeq.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * The {@code seq} of a sample as the gateway wrote it, found without parsing the whole document: at tens of
     * thousands of records a second, the reader shares the cores with what it measures.
     */
    static long seq(byte[] json) {
        outer:
        for (int i = 0; i <= json.length - SEQ_FIELD.length; i++) {
            for (int j = 0; j < SEQ_FIELD.length; j++) {
                if (json[i + j] != SEQ_FIELD[j]) {
                    continue outer;
                }
            }
            long value = 0;
            int at = i + SEQ_FIELD.length;
            while (at < json.length && json[at] == ' ') {
                at++;
            }
            boolean digits = false;
            while (at < json.length && json[at] >= '0' && json[at] <= '9') {
                value = value * 10 + (json[at++] - '0');
                digits = true;
            }
            return digits ? value : -1;
        }
        return -1;
    }
}
