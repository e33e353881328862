package dev.massager.bench.sessions;

import dev.massager.bench.BenchmarkRun;
import dev.massager.bench.report.CpuTime;
import dev.massager.bench.report.PeakMemory;
import dev.massager.bench.report.Report;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceState;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.PostgresConnection;
import dev.massager.simulator.api.CompanionApi;
import dev.massager.simulator.api.Tokens;
import dev.massager.simulator.fleet.VirtualDevice;
import dev.massager.simulator.mqtt.DeviceLink;
import dev.massager.stack.LocalStack;
import dev.massager.stack.LocalStack.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * session-service consuming a pre-filled backlog into PostgreSQL, then the latency from a device's publish to its
 * session showing it.
 *
 * <ol>
 *   <li>The servers start alone; the device topics are created as the gateway creates them. session-service starts
 *       once to migrate its database, the fleet's devices are provisioned and paired to a user each, and it stops.
 *   <li>The topics are filled with the fleet's traffic, as the gateway would have written it, by one idempotent
 *       producer (the pre-fill rate).
 *   <li>session-service starts again and consumes; the rate runs from its first committed batch to its last, read from
 *       the consumer group's committed offsets. Then every session is checked in PostgreSQL: present, ended, with all
 *       its samples, owned by its device's user, and its revisions sent by the outbox.
 *   <li>The gateway starts, and a few devices run sessions over MQTT with their certificates (publish-to-visible
 *       latency).
 * </ol>
 */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = "session-service consuming a pre-filled topic into PostgreSQL, and publish-to-session latency.")
public final class SessionsBenchmark implements Callable<Integer> {

    static final String GROUP = "session-service.sessions";

    private static final double TARGET_RECORDS_PER_SECOND = 30_000;
    private static final long TARGET_PEAK_RSS = 512L * 1024 * 1024;
    private static final String PAIRING_CODE = "bench-pairing-code";

    @Option(names = "--records", description = "Telemetry and event records to pre-fill (default ${DEFAULT-VALUE}).")
    long records = 5_000_000;

    @Option(
            names = "--devices",
            description =
                    "Devices running sessions at the same time, each paired to a user (default ${DEFAULT-VALUE}).")
    int devices = 2_000;

    @Option(
            names = "--live-devices",
            description = "Devices publishing over MQTT for the latency (default ${DEFAULT-VALUE}; 0: no latency run).")
    int liveDevices = 20;

    @Option(names = "--live-seconds", description = "Samples per live device, one a second (default ${DEFAULT-VALUE}).")
    int liveSeconds = 70;

    @Option(names = "--live-warmup", description = "Seconds of the live run not measured (default ${DEFAULT-VALUE}).")
    int liveWarmup = 10;

    @Option(
            names = "--service-property",
            description = "A Spring property for session-service, name=value; repeatable (for trying settings).")
    Map<String, String> serviceProperties = new LinkedHashMap<>();

    @Option(
            names = "--service-jvm-options",
            description = "JVM options of session-service and the gateway after the local stack's own (default: none,"
                    + " C1 alone as the local stack starts them; -XX:TieredStopAtLevel=4 for both JIT compilers)")
    String serviceJvmOptions = "";

    @Option(names = "--profile", description = "Record a JFR profile of session-service while it consumes.")
    boolean profile;

    @Option(names = "--seed", description = "Seed of the fleet's traffic (default ${DEFAULT-VALUE}).")
    long seed = 42;

    private final PayloadCodec codec = new PayloadCodec();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Report report =
                new Report("sessions", "Sessions: consuming into PostgreSQL", BenchmarkRun.command(spec), System.out);
        Map<String, String> properties = new LinkedHashMap<>();
        // One administrator provisions the live devices: more than the per-user budget of the companion API.
        properties.put("massager.rate-limits.requests-per-second", "10000");
        properties.put("massager.rate-limits.burst", "10000");
        properties.putAll(serviceProperties);
        Path workDirectory = Path.of(System.getProperty(LocalStack.WORK_DIRECTORY_PROPERTY, "target/benchmark-stack"));
        System.setProperty(LocalStack.JVM_OPTIONS_PROPERTY, serviceJvmOptions);
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults()
                .withFreePorts(true)
                .withWorkDirectory(workDirectory)
                .withServices(Set.of())
                .withProperties(Service.SESSIONS, properties))) {
            String bootstrap = stack.infrastructure().kafka().bootstrapServers();
            PostgresConnection postgres = stack.infrastructure().postgres();
            String jdbcUrl = postgres.jdbcUrl(PostgresConnection.SESSIONS);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                    Connection db = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password())) {
                createDeviceTopics(admin);

                report.progress("session-service starts once to migrate its database");
                stack.startServices(EnumSet.of(Service.SESSIONS));
                List<String> fleet = deviceIds("bench", devices);
                Instant paired = enrol(db, fleet);
                stack.stopServices(EnumSet.of(Service.SESSIONS));
                report.progress("%,d devices provisioned and paired", fleet.size());

                FleetTraffic traffic = new FleetTraffic(fleet, paired.plusSeconds(1), records, seed);
                long sent = prefill(bootstrap, traffic, report);

                GroupProgress progress =
                        new GroupProgress(admin, GROUP, List.of(KafkaTopics.TELEMETRY, KafkaTopics.DEVICE_EVENTS));
                if (progress.records() != sent) {
                    throw new IllegalStateException(
                            "The topics hold " + progress.records() + " records, " + sent + " were sent");
                }
                consume(stack, progress, sent, workDirectory, report);
                verify(db, traffic.sessions(), report);
                ProcessHandle service = stack.serviceProcesses().get(Service.SESSIONS);
                long peak = PeakMemory.peakRss(service).orElse(-1);
                report.figure(
                        "session-service peak RSS (VmHWM) after consuming", mib(peak), "< " + mib(TARGET_PEAK_RSS));

                if (liveDevices > 0) {
                    live(stack, db, jdbcUrl, postgres, report);
                    report.figure(
                            "session-service peak RSS (VmHWM) at the end",
                            mib(PeakMemory.peakRss(service).orElse(-1)),
                            "< " + mib(TARGET_PEAK_RSS));
                }
            }
        }
        report.note("session-service and the gateway run with " + String.join(" ", LocalStack.serviceJvmOptions())
                + " (of two settings, the later wins).");
        report.note("The servers (Kafka in the benchmark's JVM, PostgreSQL, the MQTT broker), session-service and the"
                + " benchmark share the machine's cores; other builds may have run on them too.");
        Path reports = workDirectory.toAbsolutePath().getParent().resolve("benchmarks");
        report.write(reports);
        return 0;
    }

    /** The gateway's topics, as the gateway creates them: the benchmark writes two of them in its place. */
    private static void createDeviceTopics(Admin admin) throws Exception {
        int partitions = 12;
        admin.createTopics(List.of(
                        new NewTopic(KafkaTopics.TELEMETRY, partitions, (short) 1),
                        new NewTopic(KafkaTopics.DEVICE_EVENTS, partitions, (short) 1),
                        new NewTopic(KafkaTopics.DEVICE_STATUS, partitions, (short) 1)
                                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                        new NewTopic(KafkaTopics.INGEST_REJECTED, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static List<String> deviceIds(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add(String.format(Locale.ROOT, "%s-%05d", prefix, i));
        }
        return ids;
    }

    /**
     * Provisions each device and pairs it to a user of its own, in the rows the companion API writes: the API would
     * spend two BCrypt hashes per device (provision, pair), minutes of both cores for a fleet of thousands. The live
     * devices go through the API.
     *
     * @return when they were paired: their sessions start after that
     */
    private static Instant enrol(Connection db, List<String> deviceIds) throws SQLException {
        String[] users = deviceIds.stream().map(id -> "user-" + id).toArray(String[]::new);
        String hash = new BCryptPasswordEncoder().encode(PAIRING_CODE);
        db.setAutoCommit(false);
        try (PreparedStatement devices = db.prepareStatement(
                        "insert into devices (device_id, pairing_code_hash) select d, ? from unnest(?::text[]) d");
                PreparedStatement userRows = db.prepareStatement("""
                        with created as (
                            insert into users (user_id) select u from unnest(?::text[]) u
                            returning user_id, time_zone, created_at)
                        insert into user_time_zones (user_id, time_zone, effective_from)
                        select user_id, time_zone, created_at from created
                        """);
                PreparedStatement pairings = db.prepareStatement("""
                        insert into device_pairings (device_id, user_id, paired_at)
                        select d, u, now() from unnest(?::text[], ?::text[]) as p(d, u)
                        """);
                PreparedStatement now = db.prepareStatement("select now()")) {
            devices.setString(1, hash);
            devices.setArray(2, db.createArrayOf("text", deviceIds.toArray()));
            devices.executeUpdate();
            userRows.setArray(1, db.createArrayOf("text", users));
            userRows.executeUpdate();
            pairings.setArray(1, db.createArrayOf("text", deviceIds.toArray()));
            pairings.setArray(2, db.createArrayOf("text", users));
            pairings.executeUpdate();
            Instant paired;
            try (ResultSet row = now.executeQuery()) {
                row.next();
                paired = row.getTimestamp(1).toInstant();
            }
            db.commit();
            return paired;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Writes the fleet's traffic to the device topics; returns how many records. */
    private long prefill(String bootstrap, FleetTraffic traffic, Report report) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // As the gateway compresses, so that session-service reads what it reads in production.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        GatewayRecords gateway = new GatewayRecords(codec, "sessions-benchmark");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long started = System.nanoTime();
        long lastProgress = started;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            while (traffic.hasNext()) {
                FleetTraffic.Message message = traffic.next();
                // The gateway receives a message some tens of milliseconds after the device sent it.
                Instant receivedAt = message.at().plusMillis(20 + (message.at().getNano() / 1_000_000) % 40);
                producer.send(gateway.record(message, receivedAt), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                if (System.nanoTime() - lastProgress > Duration.ofSeconds(10).toNanos()) {
                    lastProgress = System.nanoTime();
                    report.progress("pre-fill: %,d records", sent);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The pre-fill failed: " + failure.get(), failure.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report.figuref(
                "pre-fill: records written (acks=all, idempotent, lz4)",
                "%,d in %.1f s: %,.0f records/s",
                sent,
                seconds,
                sent / seconds);
        return sent;
    }

    /** Starts session-service and waits until its group has committed every record. */
    private void consume(LocalStack stack, GroupProgress progress, long total, Path workDirectory, Report report)
            throws Exception {
        long startedAt = System.nanoTime();
        stack.startServices(EnumSet.of(Service.SESSIONS));
        report.progress("session-service ready after %.1f s", (System.nanoTime() - startedAt) / 1e9);
        ProcessHandle service = stack.serviceProcesses().get(Service.SESSIONS);
        Path recording = workDirectory.toAbsolutePath().resolve("session-service.jfr");
        if (profile) {
            jcmd(service, "JFR.start", "name=sessions", "settings=profile", "filename=" + recording);
        }
        ProcessHandle postgres = postmaster(stack);
        ProcessHandle self = ProcessHandle.current();
        long firstAt = 0;
        long firstCommitted = 0;
        Duration serviceCpu = Duration.ZERO;
        Duration postgresCpu = Duration.ZERO;
        Duration selfCpu = Duration.ZERO;
        long lastProgress = System.nanoTime();
        long lastCommitted = 0;
        long deadline = System.nanoTime()
                + Duration.ofMinutes(10).plusSeconds(total / 5_000).toNanos();
        long committed;
        while ((committed = progress.committed()) < total) {
            long now = System.nanoTime();
            if (firstAt == 0 && committed > 0) {
                firstAt = now;
                firstCommitted = committed;
                serviceCpu = CpuTime.of(service);
                postgresCpu = CpuTime.of(postgres);
                selfCpu = CpuTime.ofProcess(self);
            }
            if (now - lastProgress > Duration.ofSeconds(10).toNanos()) {
                report.progress(
                        "consumed %,d of %,d (%,.0f records/s over the last %.0f s)",
                        committed,
                        total,
                        (committed - lastCommitted) / ((now - lastProgress) / 1e9),
                        (now - lastProgress) / 1e9);
                lastProgress = now;
                lastCommitted = committed;
            }
            if (now > deadline || !service.isAlive()) {
                throw new IllegalStateException("session-service consumed " + committed + " of " + total
                        + " records before the deadline; see its log in " + stack.logDirectory());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        long lastAt = System.nanoTime();
        if (profile) {
            jcmd(service, "JFR.stop", "name=sessions");
            report.note("JFR profile of session-service while it consumed: " + recording);
        }
        if (firstAt == 0) {
            throw new IllegalStateException("every record was committed before the first look: too few records");
        }
        double seconds = (lastAt - firstAt) / 1e9;
        double rate = (total - firstCommitted) / seconds;
        report.figure(
                "session-service: records consumed into PostgreSQL per second",
                String.format(
                        Locale.ROOT, "%,.0f records/s (%,d records in %.1f s)", rate, total - firstCommitted, seconds),
                String.format(Locale.ROOT, "≥ %,.0f records/s", TARGET_RECORDS_PER_SECOND));
        double serviceSeconds = seconds(CpuTime.of(service).minus(serviceCpu));
        double postgresSeconds = seconds(CpuTime.of(postgres).minus(postgresCpu));
        double kafkaSeconds = seconds(CpuTime.ofProcess(self).minus(selfCpu));
        long counted = total - firstCommitted;
        report.figuref(
                "CPU while consuming: session-service, PostgreSQL, Kafka and benchmark JVM",
                "%.0f s, %.0f s, %.0f s of %.0f s wall (2 cores: %.0f s)",
                serviceSeconds,
                postgresSeconds,
                kafkaSeconds,
                seconds,
                2 * seconds);
        double perRecord = (serviceSeconds + postgresSeconds + kafkaSeconds) / counted;
        report.figuref(
                "CPU per record: session-service, PostgreSQL, Kafka and benchmark JVM",
                "%.1f µs, %.1f µs, %.1f µs: two cores to themselves would do at most %,.0f records/s",
                serviceSeconds / counted * 1e6,
                postgresSeconds / counted * 1e6,
                kafkaSeconds / counted * 1e6,
                2 / perRecord);
        report.note("Consumption rate: from the first committed batch to the last record committed by the group "
                + GROUP + " (committed offsets, read every 100 ms); records of the first batch are not counted.");
    }

    /** Checks every session of the traffic in PostgreSQL, then that the outbox sent what it queued. */
    private static void verify(Connection db, List<FleetTraffic.PlannedSession> planned, Report report)
            throws SQLException {
        Map<String, FleetTraffic.PlannedSession> expected = new HashMap<>();
        long expectedSamples = 0;
        for (FleetTraffic.PlannedSession session : planned) {
            expected.put(session.deviceId() + "/" + session.session(), session);
            expectedSamples += session.samples();
        }
        long complete = 0;
        long samples = 0;
        List<String> wrong = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                        select s.device_id, s.device_session_id, s.status, s.sample_count, s.end_reason, s.revision,
                            s.user_id = p.user_id as owned
                        from sessions s left join device_pairings p on p.device_id = s.device_id
                        where s.device_id like 'bench-%'
                        """);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String key = rows.getString(1) + "/" + rows.getString(2);
                FleetTraffic.PlannedSession plan = expected.remove(key);
                samples += rows.getLong(4);
                if (plan != null
                        && "ENDED".equals(rows.getString(3))
                        && rows.getLong(4) == plan.samples()
                        && plan.endReason().name().equals(rows.getString(5))
                        && rows.getBoolean(7)) {
                    complete++;
                } else if (wrong.size() < 5) {
                    wrong.add(key + " (" + rows.getString(3) + ", " + rows.getLong(4) + " samples, owned "
                            + rows.getBoolean(7) + ")");
                }
            }
        }
        long outbox = awaitOutboxSent(db);
        report.figure(
                "sessions complete in PostgreSQL (ended, every sample, owner)",
                String.format(
                        Locale.ROOT,
                        "%,d of %,d; samples %,d of %,d",
                        complete,
                        planned.size(),
                        samples,
                        expectedSamples),
                String.format(Locale.ROOT, "%,d of %,d", planned.size(), planned.size()));
        if (complete != planned.size() || !expected.isEmpty() || samples != expectedSamples || outbox != 0) {
            throw new IllegalStateException("The sessions are not as sent: " + complete + " of " + planned.size()
                    + " complete, " + expected.size() + " missing, e.g. " + wrong
                    + expected.keySet().stream().limit(5).toList() + "; " + outbox + " outbox records unsent");
        }
    }

    /** Waits until the outbox relay has sent every queued record; returns how many are left. */
    private static long awaitOutboxSent(Connection db) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try (PreparedStatement count = db.prepareStatement("select count(*) from outbox_messages");
                    ResultSet row = count.executeQuery()) {
                row.next();
                long left = row.getLong(1);
                if (left == 0 || System.nanoTime() > deadline) {
                    return left;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** Starts the gateway and measures publish-to-visible latency with a few live devices. */
    private void live(LocalStack stack, Connection db, String jdbcUrl, PostgresConnection postgres, Report report)
            throws Exception {
        stack.startServices(EnumSet.of(Service.GATEWAY));
        CompanionApi api = new CompanionApi(stack.sessionServiceUri(), new Tokens(stack.tokens()));
        List<String> ids = deviceIds("live", liveDevices);
        LiveLatency latency = new LiveLatency(
                codec,
                stack.infrastructure().kafka().bootstrapServers(),
                jdbcUrl,
                postgres.username(),
                postgres.password());
        List<DeviceLink> links = new ArrayList<>();
        try {
            for (String id : ids) {
                VirtualDevice device = new VirtualDevice(id, PAIRING_CODE, "2.3.1", Duration.ZERO);
                api.provision(device);
                api.pair("user-" + id, device);
                links.add(DeviceLink.connect(
                        stack.infrastructure().mqtt().deviceServerUri(),
                        id,
                        stack.infrastructure().mqtt()::deviceSocketFactory,
                        latency.status(DeviceState.ONLINE),
                        latency.status(DeviceState.OFFLINE)));
            }
            report.progress("%d live devices provisioned and paired through the API, connected", ids.size());
            LiveLatency.Result result = latency.run(links, liveSeconds, Duration.ofSeconds(liveWarmup));
            Histogram h = result.latencyMicros();
            report.figure(
                    "publish to visible in the session (MQTT, gateway, Kafka, session-service, PostgreSQL): p50",
                    millis(h.getValueAtPercentile(50)));
            report.figure("publish to visible: p90", millis(h.getValueAtPercentile(90)));
            report.figure("publish to visible: p99", millis(h.getValueAtPercentile(99)));
            report.figure("publish to visible: max", millis(h.getMaxValue()));
            Histogram kafka = result.inKafkaMicros();
            report.figure(
                    "of which publish to in Kafka (broker, gateway): p50 / p99",
                    millis(kafka.getValueAtPercentile(50)) + " / " + millis(kafka.getValueAtPercentile(99)));
            report.figuref(
                    "live messages measured (after " + liveWarmup + " s warm-up) / published / never visible",
                    "%,d / %,d / %,d",
                    h.getTotalCount(),
                    result.published(),
                    result.unseen());
            if (result.unseen() > 0) {
                report.note("Never visible, e.g. " + result.example());
            }
            report.note(String.format(
                    Locale.ROOT,
                    "Latency: %d devices, each a session of a start event, %d samples a second apart and an end event,"
                            + " over TLS with their certificates at QoS 1; from the scheduled publish time to the first"
                            + " poll of PostgreSQL (every %d ms) that shows the message in the session row (row, sample"
                            + " count, status), which is what GET /api/v1/me/sessions reads.",
                    liveDevices,
                    liveSeconds,
                    LiveLatency.POLL_INTERVAL.toMillis()));
        } finally {
            for (DeviceLink link : links) {
                try {
                    link.disconnect(latency.status(DeviceState.OFFLINE));
                } catch (RuntimeException e) {
                    link.close();
                }
            }
        }
    }

    /** PostgreSQL's postmaster, whose children are the backends and workers. */
    private static ProcessHandle postmaster(LocalStack stack) throws SQLException {
        PostgresConnection postgres = stack.infrastructure().postgres();
        try (Connection db = DriverManager.getConnection(
                        postgres.jdbcUrl(PostgresConnection.SESSIONS), postgres.username(), postgres.password());
                PreparedStatement query = db.prepareStatement("select pg_read_file('postmaster.pid')");
                ResultSet row = query.executeQuery()) {
            row.next();
            long pid = Long.parseLong(
                    row.getString(1).lines().findFirst().orElseThrow().strip());
            return ProcessHandle.of(pid).orElseThrow();
        }
    }

    private static void jcmd(ProcessHandle process, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(process.pid()));
        line.addAll(List.of(command));
        Path output = Files.createTempFile("jcmd", ".txt");
        int exit = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + Files.readString(output));
        }
        Files.deleteIfExists(output);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
