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
import tools.jackson.databind.json.JsonMapper;

/**
 * Telemetry at a fixed rate from many devices, and how long each message takes from its scheduled publish time until
 * it can be read from Kafka. Each message is timed from when it was due, not from when it was sent, so a sender that
 * falls behind shows as latency instead of hiding it (no coordinated omission). Every sample carries a run-wide unique
 * counter, which a consumer on the telemetry topic matches. After the measured part it waits up to a minute (the
 * drain) for what is still on its way; what is not in Kafka then is reported, whether lost or still queued in the
 * broker behind a gateway that cannot keep up.
 */
public final class Load {

    private static final int SENDER_THREADS = 4;

    private static final Duration DRAIN = Duration.ofSeconds(60);

    /**
     * @param devices how many devices publish, each on its own connection
     * @param rate messages per second, over all devices
     * @param duration the measured part
     * @param warmup sent before the measured part and not counted
     * @param kafkaBootstrapServers where the gateway's topics are
     * @param devicePrefix the devices are {@code <prefix>-0001} and on
     */
    public record Settings(
            int devices,
            int rate,
            Duration duration,
            Duration warmup,
            String kafkaBootstrapServers,
            String devicePrefix) {

        public Settings {
            if (devices < 1 || rate < 1) {
                throw new IllegalArgumentException("devices and rate must be positive");
            }
        }
    }

    /** When a message was due, in {@link System#nanoTime()}, and whether it counts (not warm-up). */
    private record Due(long at, boolean measured) {}

    private final Connection connection;
    private final Settings settings;
    private final PayloadCodec codec = new PayloadCodec();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Long, Due> dueBySeq = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new Histogram(Duration.ofMinutes(10).toNanos() / 1_000, 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong acknowledgedInTime = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Throwable readerFailure;
    private final AtomicLong delivered = new AtomicLong();
    private volatile long measureFrom;
    private volatile long measureUntil;
    private volatile boolean consuming = true;

    public Load(Connection connection, Settings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    public LoadReport run(PrintStream out) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= settings.devices(); i++) {
            ids.add(String.format("%s-%04d", settings.devicePrefix(), i));
        }
        out.printf("load: connecting %d devices...%n", ids.size());
        Map<String, DeviceLink> links = new ConcurrentHashMap<>();
        Thread reader = null;
        KafkaConsumer<String, byte[]> consumer = consumer();
        try {
            Simulation.forEach(ids, 16, id -> links.put(id, connect(id)));
            List<DeviceLink> devices = ids.stream().map(links::get).toList();
            CountDownLatch positioned = new CountDownLatch(1);
            reader = new Thread(() -> consume(consumer, positioned), "load-kafka-reader");
            reader.setUncaughtExceptionHandler((thread, failure) -> readerFailure = failure);
            reader.start();
            if (!positioned.await(60, TimeUnit.SECONDS) || readerFailure != null) {
                throw new IllegalStateException(
                        "could not read " + KafkaTopics.TELEMETRY + " at " + settings.kafkaBootstrapServers(),
                        readerFailure);
            }

            long start = System.nanoTime() + 100_000_000L;
            measureFrom = start + settings.warmup().toNanos();
            measureUntil = measureFrom + settings.duration().toNanos();
            Instant startedAt = Instant.now().plusNanos(measureFrom - System.nanoTime());
            out.printf(
                    "load: %,d messages/s from %d devices, %d s warm-up, %d s measured...%n",
                    settings.rate(),
                    devices.size(),
                    settings.warmup().toSeconds(),
                    settings.duration().toSeconds());
            long seqBase = Instant.now().getEpochSecond() * 1_000_000L;
            List<Thread> senders = new ArrayList<>();
            int threads = Math.min(SENDER_THREADS, devices.size());
            for (int s = 0; s < threads; s++) {
                int slot = s;
                Thread sender = new Thread(() -> send(devices, slot, threads, start, seqBase), "load-sender-" + s);
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join();
            }
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (System.nanoTime() < deadline
                    && (acknowledged.get() + failed.get() < sent.get() || delivered.get() < acknowledged.get())) {
                Thread.sleep(50);
            }
            Simulation.forEach(devices, 16, link -> link.disconnect(status(link.deviceId(), DeviceState.OFFLINE)));
            synchronized (latencyMicros) {
                return new LoadReport(
                        startedAt,
                        devices.size(),
                        settings.rate(),
                        settings.duration(),
                        sent.get(),
                        acknowledged.get(),
                        acknowledgedInTime.get() / (settings.duration().toNanos() / 1e9),
                        delivered.get(),
                        sent.get() - delivered.get(),
                        latencyMicros.getValueAtPercentile(50) / 1000.0,
                        latencyMicros.getValueAtPercentile(99) / 1000.0,
                        latencyMicros.getValueAtPercentile(99.9) / 1000.0,
                        latencyMicros.getMaxValue() / 1000.0,
                        Machine.current());
            }
        } finally {
            // The reader first: a consumer is closed only by the thread that polls it, or after that thread ended.
            consuming = false;
            if (reader != null) {
                reader.join();
            }
            consumer.close();
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
     * {@code seqBase + k}: unique in the run.
     */
    private void send(List<DeviceLink> devices, int slot, int threads, long start, long seqBase) {
        double interval = 1e9 / settings.rate();
        String session = "load-" + seqBase;
        for (long k = 0; ; k++) {
            int index = (int) (k % devices.size());
            if (index % threads != slot) {
                continue;
            }
            long due = start + (long) (k * interval);
            if (due >= measureUntil) {
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
            boolean measured = due >= measureFrom;
            dueBySeq.put(seq, new Due(due, measured));
            if (measured) {
                sent.incrementAndGet();
            }
            device.publish(new DeviceMessage(topic, payload, Instant.now(), seq))
                    .whenComplete((ok, failure) -> {
                        if (!measured) {
                            return;
                        }
                        if (failure != null) {
                            failed.incrementAndGet();
                        } else {
                            acknowledged.incrementAndGet();
                            if (System.nanoTime() <= measureUntil) {
                                acknowledgedInTime.incrementAndGet();
                            }
                        }
                    });
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void consume(KafkaConsumer<String, byte[]> consumer, CountDownLatch positioned) {
        List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.TELEMETRY, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        positioned.countDown();
        String prefix = settings.devicePrefix() + "-";
        while (consuming) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                if (record.key() == null || !record.key().startsWith(prefix)) {
                    continue;
                }
                long now = System.nanoTime();
                Due due =
                        dueBySeq.remove(json.readTree(record.value()).get("seq").asLong());
                if (due != null && due.measured()) {
                    delivered.incrementAndGet();
                    synchronized (latencyMicros) {
                        latencyMicros.recordValue(Math.max(0, now - due.at()) / 1_000);
                    }
                }
            }
        }
    }
}
