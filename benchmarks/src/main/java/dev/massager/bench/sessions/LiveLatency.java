package dev.massager.bench.sessions;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.common.topic.MqttTopic;
import dev.massager.simulator.device.DeviceMessage;
import dev.massager.simulator.mqtt.DeviceLink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Publish-to-visible latency: devices connected to the broker with their certificates run one session each, a sample a
 * second, through the gateway, Kafka and session-service; a poller reads their sessions from PostgreSQL every few
 * milliseconds. A message counts as visible once the session row shows it: the row for the start event, the sample
 * count for a sample, the status for the end event. The companion API reads the same row, in a transaction of its
 * own, without a cache. Latency runs from each message's scheduled publish time, so a publisher that falls behind
 * counts as latency.
 */
final class LiveLatency {

    /** How often the poller reads the sessions; it adds up to this much to each figure. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final PayloadCodec codec;
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String username;
    private final String password;

    LiveLatency(PayloadCodec codec, String bootstrapServers, String jdbcUrl, String username, String password) {
        this.codec = codec;
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * The outcome.
     *
     * @param latencyMicros publish-to-visible latency of the messages after the warm-up
     * @param inKafkaMicros publish-to-Kafka latency of the same messages: broker and gateway, read by a consumer here
     * @param published messages published
     * @param unseen messages not visible within a minute after the last one
     */
    record Result(Histogram latencyMicros, Histogram inKafkaMicros, long published, long unseen, String example) {}

    /**
     * Runs a session of {@code samples} samples on each of {@code links}, their starts spread over the first second,
     * and measures every message published after {@code warmup}.
     */
    Result run(List<DeviceLink> links, int samples, Duration warmup) throws SQLException, InterruptedException {
        Histogram histogram = new Histogram(Duration.ofMinutes(10).toNanos() / 1_000, 3);
        Histogram inKafka = new Histogram(Duration.ofMinutes(10).toNanos() / 1_000, 3);
        KafkaTap tap = new KafkaTap(inKafka);
        Map<String, LiveDevice> devices = new HashMap<>();
        for (DeviceLink link : links) {
            devices.put(link.deviceId(), new LiveDevice(link, samples));
        }
        ScheduledExecutorService publishers = Executors.newScheduledThreadPool(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(devices.size());
        long base = System.nanoTime() + Duration.ofMillis(200).toNanos();
        long measuredFrom = base + warmup.toNanos();
        int i = 0;
        for (LiveDevice device : devices.values()) {
            long offset = Duration.ofSeconds(1).toNanos() * i++ / devices.size();
            device.start = base + offset;
            device.schedule = publishers.scheduleAtFixedRate(
                    () -> {
                        try {
                            if (!device.publishNext(measuredFrom)) {
                                device.schedule.cancel(false);
                                done.countDown();
                            }
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                            device.schedule.cancel(false);
                            done.countDown();
                        }
                    },
                    base + offset - System.nanoTime(),
                    Duration.ofSeconds(1).toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
                PreparedStatement poll = connection.prepareStatement(
                        "select device_id, sample_count, status from sessions where device_id = any(?)")) {
            connection.setAutoCommit(true);
            poll.setArray(1, connection.createArrayOf("text", devices.keySet().toArray()));
            long drainUntil = Long.MAX_VALUE;
            while (System.nanoTime() < drainUntil) {
                if (drainUntil == Long.MAX_VALUE && done.getCount() == 0) {
                    drainUntil = System.nanoTime() + DRAIN.toNanos();
                }
                long snapshot = System.nanoTime();
                try (ResultSet rows = poll.executeQuery()) {
                    while (rows.next()) {
                        devices.get(rows.getString(1))
                                .seen(rows.getLong(2), "ENDED".equals(rows.getString(3)), snapshot, histogram);
                    }
                }
                if (done.getCount() == 0 && devices.values().stream().allMatch(LiveDevice::allSeen)) {
                    break;
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("publishing failed: " + failure.get(), failure.get());
                }
                LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            }
        } finally {
            publishers.shutdownNow();
            publishers.awaitTermination(10, TimeUnit.SECONDS);
        }
        long published = devices.values().stream().mapToLong(d -> d.published).sum();
        long unseen = devices.values().stream().mapToLong(LiveDevice::unseen).sum();
        String example = devices.values().stream()
                .filter(d -> d.unseen() > 0)
                .findFirst()
                .map(LiveDevice::toString)
                .orElse("");
        tap.close();
        return new Result(histogram, inKafka, published, unseen, example);
    }

    /** Scheduled publish times by device and seq, of the messages measured, until the tap reads them in Kafka. */
    private final Map<String, Long> sent = new ConcurrentHashMap<>();

    /**
     * Reads the device topics from their ends and times each measured message when it shows up in Kafka: the part of
     * the latency that is the broker's and the gateway's.
     */
    private final class KafkaTap implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        KafkaTap(Histogram histogram) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(KafkaTopics.TELEMETRY, KafkaTopics.DEVICE_EVENTS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end now, before anything is published
            thread = new Thread(
                    () -> {
                        while (running) {
                            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                            long now = System.nanoTime();
                            for (ConsumerRecord<String, byte[]> record : records) {
                                Long intended = sent.remove(record.key() + "/" + seq(record));
                                if (intended != null) {
                                    histogram.recordValue(Math.max(0, (now - intended) / 1_000));
                                }
                            }
                        }
                        consumer.close();
                    },
                    "live-kafka-tap");
            thread.start();
        }

        private long seq(ConsumerRecord<String, byte[]> record) {
            return KafkaTopics.TELEMETRY.equals(record.topic())
                    ? codec.decodeWithoutSchema(record.value(), TelemetrySample.class)
                            .seq()
                    : codec.decodeWithoutSchema(record.value(), DeviceEvent.class)
                            .seq();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /** The status payloads a device link publishes on connect and as its Last Will. */
    byte[] status(DeviceState state) {
        return codec.encode(new DeviceStatus(state, Instant.now(), "2.3.1"));
    }

    /** One device's session: what it published, and what is not yet visible. */
    private final class LiveDevice {

        private final DeviceLink link;
        private final int samples;
        private final List<Pending> pending = new ArrayList<>();
        private volatile ScheduledFuture<?> schedule;
        private long start;
        private int step;
        private long seq = 1;
        private long published;
        private long lastSampleCount = -1;
        private boolean lastEnded;

        LiveDevice(DeviceLink link, int samples) {
            this.link = link;
            this.samples = samples;
        }

        /** Publishes the message of the current step; false when the session is over. */
        boolean publishNext(long measuredFrom) {
            if (step > samples + 1) {
                return false;
            }
            long intended = start + Duration.ofSeconds(1).toNanos() * step;
            Instant now = Instant.now();
            String session = "live-1";
            String id = link.deviceId();
            DeviceMessage message;
            Pending expects;
            if (step == 0) {
                message = event(id, new SessionStarted(seq, now, session, Mode.WAVE, 2, Heat.LOW, 10, "2.3.1"));
                expects = new Pending(Pending.ROW, 0, intended, intended >= measuredFrom);
            } else if (step <= samples) {
                TelemetrySample sample = new TelemetrySample(
                        seq, now, session, Mode.WAVE, 2, Heat.LOW, new Pressure(60 + step % 20, 80, 70), 90);
                message = new DeviceMessage(MqttTopic.of(id, MqttTopic.Kind.TELEMETRY), codec.encode(sample), now, seq);
                expects = new Pending(Pending.SAMPLES, step, intended, intended >= measuredFrom);
            } else {
                message = event(id, new SessionEnded(seq, now, session, EndReason.USER));
                expects = new Pending(Pending.ENDED, 0, intended, intended >= measuredFrom);
            }
            synchronized (pending) {
                pending.add(expects);
            }
            if (expects.measured()) {
                sent.put(id + "/" + seq, intended);
            }
            seq++;
            step++;
            published++;
            link.publish(message);
            return true;
        }

        private DeviceMessage event(String id, Object event) {
            return new DeviceMessage(MqttTopic.of(id, MqttTopic.Kind.EVENTS), codec.encode(event), Instant.now(), seq);
        }

        /** What the poller read of this device's session at {@code snapshot}. */
        void seen(long sampleCount, boolean ended, long snapshot, Histogram histogram) {
            synchronized (pending) {
                lastSampleCount = sampleCount;
                lastEnded = ended;
                for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    boolean visible = switch (p.kind()) {
                        case Pending.ROW -> true;
                        case Pending.SAMPLES -> sampleCount >= p.samples();
                        default -> ended;
                    };
                    if (visible) {
                        it.remove();
                        if (p.measured()) {
                            histogram.recordValue(Math.max(0, (snapshot - p.intendedNanos()) / 1_000));
                        }
                    }
                }
            }
        }

        boolean allSeen() {
            synchronized (pending) {
                return step > samples + 1 && pending.isEmpty();
            }
        }

        @Override
        public String toString() {
            synchronized (pending) {
                return link.deviceId() + ": " + published + " published, " + pending.size() + " not visible (first: "
                        + (pending.isEmpty() ? "none" : pending.get(0)) + "), last read: "
                        + (lastSampleCount < 0 ? "no session" : lastSampleCount + " samples, ended " + lastEnded);
            }
        }

        long unseen() {
            synchronized (pending) {
                return pending.size();
            }
        }
    }

    /** A published message not yet visible, and what will show it. */
    private record Pending(int kind, long samples, long intendedNanos, boolean measured) {
        static final int ROW = 0;
        static final int SAMPLES = 1;
        static final int ENDED = 2;
    }
}
