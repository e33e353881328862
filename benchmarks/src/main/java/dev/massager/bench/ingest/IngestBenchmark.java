package dev.massager.bench.ingest;

import dev.massager.bench.BenchmarkRun;
import dev.massager.bench.report.LatencyChart;
import dev.massager.bench.report.PeakMemory;
import dev.massager.bench.report.Report;
import dev.massager.infra.MqttConnection;
import dev.massager.infra.mqtt.EmbeddedMqttBroker;
import dev.massager.simulator.run.Connection;
import dev.massager.simulator.run.Load;
import dev.massager.simulator.run.LoadReport;
import dev.massager.stack.LocalStack;
import dev.massager.stack.LocalStack.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sustained QoS 1 telemetry from many TLS devices through the broker, the gateway and Kafka, on one machine: the highest
 * rate held with nothing lost, latency at fractions of it, and the same load to a subscriber that only counts and
 * Kafka's own producer, the limits the gateway is measured against.
 *
 * <p>A rate is <em>held</em> when the broker acknowledged at least 98% of it within the measured time, every message
 * was in Kafka (or at the counting subscriber) within {@link #SETTLE} of the end, and the p99 stayed under
 * {@link #QUEUEING}: above it, messages are queueing behind a subscriber that cannot keep up, and a longer run would
 * only queue more.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Devices over TLS through broker and gateway into Kafka: highest rate held, latency, limits.")
public final class IngestBenchmark implements Callable<Integer> {

    static final Duration SETTLE = Duration.ofSeconds(5);

    /**
     * The gateway's JVM as in production, both JIT compilers, rather than the local stack's C1 alone, which starts
     * faster but runs a sustained load slower; the heap and native limits of the local stack.
     */
    static final List<String> SERVICE_JVM = Stream.concat(
                    LocalStack.SERVICE_MEMORY_OPTIONS.stream(),
                    Stream.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"))
            .toList();

    /** Sent before the search and not counted: the JIT compiles the hot paths, the producer gets its metadata. */
    static final Duration WARMUP_RUN = Duration.ofSeconds(30);

    static final Duration QUEUEING = Duration.ofSeconds(1);

    /**
     * How long a backlog left by a step that was not held may take to arrive before the subscriber is replaced by one
     * in a new shared group. HiveMQ with in-memory persistence scans a shared group's whole queue at each
     * acknowledgement: a backlog of a few thousand messages is gone in a second, one of a hundred thousand takes
     * minutes, and a new member of the same group inherits it.
     */
    static final Duration BACKLOG_WAIT = Duration.ofSeconds(20);

    /** The gateway's instance id here, from which its client ids at the broker derive. */
    static final String GATEWAY_INSTANCE = "ingest-benchmark";

    /** The gateway's shared group, numbered from the second on: each restart after a backlog joins a new one. */
    static final String GATEWAY_GROUP = "device-gateway";

    /** The gateway's producer settings, as in its {@code application.yml}. */
    static final Map<String, Object> GATEWAY_PRODUCER = Map.of(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "none",
            ProducerConfig.LINGER_MS_CONFIG,
            1);

    @Option(names = "--devices", description = "Devices, each on its own TLS connection (default: ${DEFAULT-VALUE}).")
    int devices = 1_000;

    @Option(names = "--start-rate", description = "First rate tried, messages/s (default: ${DEFAULT-VALUE}).")
    int startRate = 2_000;

    @Option(names = "--max-rate", description = "Highest rate tried, messages/s (default: ${DEFAULT-VALUE}).")
    int maxRate = 60_000;

    @Option(
            names = "--step",
            description = "Seconds measured at each rate while searching (default: ${DEFAULT-VALUE}).")
    int stepSeconds = 15;

    @Option(
            names = "--duration",
            description = "Seconds the highest rate must be held, and latency measured (default: ${DEFAULT-VALUE}).")
    int durationSeconds = 60;

    @Option(names = "--warmup", description = "Seconds sent before each measurement (default: ${DEFAULT-VALUE}).")
    int warmupSeconds = 5;

    @Option(
            names = "--gateway-connections",
            description = "The gateway's subscriber connections (default: its own default).")
    Integer gatewayConnections;

    @Option(
            names = "--receive-maximum",
            description = "The gateway's receive maximum per connection (default: ${DEFAULT-VALUE}, its own default).")
    int receiveMaximum = 128;

    @Option(
            names = "--skip-broker",
            description = "Do not measure the broker alone (saves a few minutes when tuning the gateway).")
    boolean skipBroker;

    @Option(
            names = "--gateway-property",
            description =
                    "A Spring property for the gateway, e.g. spring.kafka.producer.compression-type=none; repeatable.")
    Map<String, String> gatewayProperties = new java.util.LinkedHashMap<>();

    @Option(
            names = "--profile",
            description =
                    "Record the gateway with Java Flight Recorder, into gateway.jfr in the stack's work directory.")
    boolean profile;

    @Option(names = "--broker-only", description = "Measure the broker alone, not the gateway (to tune the broker).")
    boolean brokerOnly;

    @Option(names = "--report-dir", description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path reportDir = Report.defaultDirectory();

    @Option(
            names = "--broker-persistence",
            description =
                    "HiveMQ's persistence: file, as production's broker, or in-memory, as the tests' and the local"
                            + " stack's (default: ${DEFAULT-VALUE}).")
    String brokerPersistence = "file";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        System.setProperty(EmbeddedMqttBroker.PERSISTENCE_PROPERTY, brokerPersistence);
        Report report = new Report(
                "ingest",
                "Ingest: " + devices + " devices over TLS, QoS 1, through broker, gateway and Kafka",
                BenchmarkRun.command(spec),
                System.out);
        Map<String, String> gateway = new java.util.LinkedHashMap<>();
        gateway.put("massager.gateway.instance-id", GATEWAY_INSTANCE);
        gateway.put("massager.mqtt.receive-maximum", Integer.toString(receiveMaximum));
        if (gatewayConnections != null) {
            gateway.put("massager.mqtt.connections", gatewayConnections.toString());
        }
        gateway.putAll(gatewayProperties);
        if (!gatewayProperties.isEmpty()) {
            report.note("Gateway properties set for this run: " + gatewayProperties + ".");
        }
        LocalStack.Options defaults = LocalStack.Options.defaults();
        List<String> jvm = new ArrayList<>(SERVICE_JVM);
        if (profile) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                    + defaults.workDirectory().toAbsolutePath().resolve("gateway.jfr"));
        }
        report.note("The gateway ran with " + String.join(" ", jvm) + ".");
        report.note("HiveMQ ran with " + brokerPersistence + " persistence (production's broker: file).");
        report.note("When a step was not held and its backlog had not arrived " + BACKLOG_WAIT.toSeconds()
                + " s later, the subscriber (counter or gateway) was replaced by one in a new shared group before the"
                + " next step: a shared group's queue stays with the group, and in memory it drains at about a hundred"
                + " messages a second once it holds a hundred thousand.");
        LocalStack.Options options = defaults.withFreePorts(true)
                .withJvmOptions(jvm)
                .withServices(EnumSet.noneOf(Service.class))
                .withProperties(Service.GATEWAY, gateway);
        LatencyChart chart = new LatencyChart("Publish to Kafka (gateway) and to a counting subscriber (broker alone)");
        List<LatencyChart.Point> gatewayP50 = new ArrayList<>();
        List<LatencyChart.Point> gatewayP99 = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(options)) {
            MqttConnection mqtt = stack.infrastructure().mqtt();
            Connection connection = new Connection(mqtt.deviceServerUri(), mqtt::deviceSocketFactory);
            long connecting = System.nanoTime();
            try (Load load = Load.open(connection, devices, "bench", System.out)) {
                report.figuref(
                        "devices connected (TLS, own certificate each)",
                        "%,d in %.1f s",
                        devices,
                        (System.nanoTime() - connecting) / 1e9);

                double brokerRate = Double.NaN;
                if (!skipBroker) {
                    List<LatencyChart.Point> brokerP99 = new ArrayList<>();
                    int[] counters = {1};
                    BrokerCounter[] counter = {
                        BrokerCounter.subscribe(mqtt, receiveMaximum, "benchmark-counter-1", load::arrived)
                    };
                    try {
                        Held held = highestHeld(load, report, "broker alone", brokerP99, () -> null, () -> {
                            // The backlog stays with the group: the next counter joins a new one.
                            String group = "benchmark-counter-" + ++counters[0];
                            try {
                                counter[0].close();
                                counter[0] = BrokerCounter.subscribe(mqtt, receiveMaximum, group, load::arrived);
                            } catch (MqttException e) {
                                throw new IllegalStateException("Cannot replace the counting subscriber", e);
                            }
                            report.progress("the counting subscriber was replaced by one in the new group %s", group);
                        });
                        brokerRate = held.rate();
                        report.figuref(
                                "broker alone: CPU time per message of broker, devices and counter (one JVM)",
                                "%.1f µs",
                                held.launcherMicrosPerMessage());
                    } finally {
                        counter[0].close();
                    }
                    chart.series("broker alone, p99", brokerP99);
                }

                if (brokerOnly) {
                    report.figuref("broker alone: highest rate held", "%,.0f messages/s", brokerRate);
                    chart.write(Path.of(report.write(reportDir).toString().replaceFirst("\\.md$", ".png")));
                    return 0;
                }
                stack.startServices(EnumSet.of(Service.GATEWAY));
                load.readFrom(stack.infrastructure().kafka().bootstrapServers());
                Supplier<ProcessHandle> gatewayProcess =
                        () -> stack.serviceProcesses().get(Service.GATEWAY);
                report.progress("warming the gateway up for %d s", WARMUP_RUN.toSeconds());
                load.run(startRate / 2, WARMUP_RUN, Duration.ZERO, Duration.ofSeconds(60), System.out);
                int[] groups = {1};
                Runnable restartGateway = () -> {
                    // The backlog stays with the group, and the stopped gateway's sessions would keep it growing:
                    // they end, and the gateway starts again in a new group, cold, so it is warmed up again.
                    String group = GATEWAY_GROUP + "-" + ++groups[0];
                    stack.stopServices(EnumSet.of(Service.GATEWAY));
                    try {
                        GatewaySessions.end(
                                mqtt, GATEWAY_INSTANCE, gatewayConnections == null ? 1 : gatewayConnections);
                    } catch (MqttException e) {
                        throw new IllegalStateException("Cannot end the stopped gateway's sessions", e);
                    }
                    stack.startServices(
                            EnumSet.of(Service.GATEWAY),
                            Map.of(Service.GATEWAY, Map.of("massager.mqtt.shared-group", group)));
                    report.progress(
                            "the gateway was restarted in the new group %s; warming it up for %d s",
                            group, WARMUP_RUN.toSeconds());
                    try {
                        load.run(startRate / 2, WARMUP_RUN, Duration.ZERO, Duration.ofSeconds(60), System.out);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                };
                Held held = highestHeld(load, report, "gateway", gatewayP99, gatewayProcess, restartGateway);
                report.figuref(
                        "gateway: highest rate held for " + durationSeconds + " s, nothing lost (counted in Kafka)",
                        "%,d messages/s",
                        held.rate());
                if (held.rate() > 0) {
                    report.figuref(
                            "gateway: CPU time per message at that rate", "%.1f µs", held.gatewayMicrosPerMessage());
                    report.figuref(
                            "broker, Kafka and simulated devices (one JVM): CPU time per message at that rate",
                            "%.1f µs",
                            held.launcherMicrosPerMessage());
                    report.figuref(
                            "what this machine's cores allow at that CPU cost per message",
                            "%,.0f messages/s",
                            Runtime.getRuntime().availableProcessors()
                                    * 1e6
                                    / (held.gatewayMicrosPerMessage() + held.launcherMicrosPerMessage()));
                }

                for (double fraction : held.rate() > 0 ? new double[] {0.5, 0.9} : new double[0]) {
                    int rate = (int) (held.rate() * fraction);
                    LoadReport run = measure(load, rate, durationSeconds);
                    gatewayP50.add(new LatencyChart.Point(run.achievedRate(), run.p50Millis()));
                    gatewayP99.add(new LatencyChart.Point(run.achievedRate(), run.p99Millis()));
                    report.figure(
                            String.format(
                                    Locale.ROOT,
                                    "gateway at %.0f%% (%,d messages/s): p50 / p99 / p99.9",
                                    fraction * 100,
                                    rate),
                            latencies(run));
                    settle(load, run, restartGateway);
                }
                LoadReport atTarget = measure(load, 10_000, durationSeconds);
                report.figure(
                        "gateway at 10,000 messages/s: p50 / p99 / p99.9",
                        latencies(atTarget) + (lost(atTarget) ? ", not held" : ""),
                        "p99 ≤ 10 ms");
                settle(load, atTarget, () -> {});

                ProducerLimit.Result kafka = ProducerLimit.measure(
                        stack.infrastructure().kafka().bootstrapServers(),
                        GATEWAY_PRODUCER,
                        devices,
                        Duration.ofSeconds(20));
                report.figuref(
                        "Kafka alone: producer throughput, records of " + kafka.recordBytes() + " bytes",
                        "%,.0f records/s",
                        kafka.perSecond());
                if (!skipBroker) {
                    report.figuref("broker alone: highest rate held", "%,.0f messages/s", brokerRate);
                }
                double limit = Double.isNaN(brokerRate) ? kafka.perSecond() : Math.min(brokerRate, kafka.perSecond());
                report.figure(
                        "gateway: highest rate held",
                        String.format(Locale.ROOT, "%,d messages/s", held.rate()),
                        "≥ 25,000 messages/s");
                report.figure(
                        "gateway's rate / the lower limit (broker alone, Kafka alone)",
                        String.format(Locale.ROOT, "%.0f%%", 100 * held.rate() / limit),
                        "≥ 70%");
                report.figure(
                        "gateway: peak RSS",
                        PeakMemory.peakRss(gatewayProcess.get()).stream()
                                .mapToObj(bytes -> String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0))
                                .findFirst()
                                .orElse("unknown"),
                        "< 512 MiB");
                report.note("A rate is held when the broker acknowledged at least 98% of it in time, every message was "
                        + "in Kafka (or at the counting subscriber) within " + SETTLE.toSeconds()
                        + " s of the end, and p99 stayed under " + QUEUEING.toMillis() + " ms.");
                report.note("Latency runs from each message's scheduled publish time (no coordinated omission) to a "
                        + "Kafka consumer's read of it (to the subscriber's receipt for the broker alone).");
                report.note("Everything ran on this machine: the simulated devices, HiveMQ, Kafka, the gateway.");
            }
            chart.series("gateway, p50", gatewayP50).series("gateway, p99", gatewayP99);
        }
        Path file = report.write(reportDir);
        Path png = Path.of(file.toString().replaceFirst("\\.md$", ".png"));
        chart.write(png);
        System.out.printf("  chart: %s%n", png.toAbsolutePath());
        return 0;
    }

    /**
     * The highest rate held, and the CPU time over its confirming run: of the gateway, and of this process, which holds
     * the broker, Kafka and the simulated devices.
     */
    private record Held(int rate, long messages, long gatewayCpuNanos, long launcherCpuNanos) {

        double gatewayMicrosPerMessage() {
            return gatewayCpuNanos / 1e3 / messages;
        }

        double launcherMicrosPerMessage() {
            return launcherCpuNanos / 1e3 / messages;
        }
    }

    /**
     * Raises the rate by a quarter at each step until one is not held, narrows down between the last held and the first
     * not held, then confirms the highest for the full duration, lowering it by a tenth while it is not held.
     */
    private Held highestHeld(
            Load load,
            Report report,
            String what,
            List<LatencyChart.Point> p99s,
            Supplier<ProcessHandle> measured,
            Runnable afterBacklog)
            throws InterruptedException {
        IntFunction<LoadReport> step = rate -> {
            try {
                return measure(load, rate, stepSeconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
        int held = 0;
        int failed = 0;
        for (int rate = startRate; rate <= maxRate; rate = (int) (rate * 1.25)) {
            LoadReport run = step.apply(rate);
            p99s.add(new LatencyChart.Point(run.achievedRate(), run.p99Millis()));
            report.progress("%s at %,d/s: %s%s", what, rate, latencies(run), held(run) ? "" : " (not held)");
            settle(load, run, afterBacklog);
            if (!held(run)) {
                failed = rate;
                break;
            }
            held = rate;
        }
        for (int i = 0; i < 2 && failed > 0 && failed - held > held / 10; i++) {
            int rate = (held + failed) / 2;
            LoadReport run = step.apply(rate);
            p99s.add(new LatencyChart.Point(run.achievedRate(), run.p99Millis()));
            report.progress("%s at %,d/s: %s%s", what, rate, latencies(run), held(run) ? "" : " (not held)");
            settle(load, run, afterBacklog);
            if (held(run)) {
                held = rate;
            } else {
                failed = rate;
            }
        }
        for (int attempt = 0; attempt < 2 && held > 0; attempt++) {
            long before = cpuNanos(measured.get());
            long launcherBefore = cpuNanos(ProcessHandle.current());
            LoadReport run = measure(load, held, durationSeconds);
            long after = cpuNanos(measured.get());
            long launcherAfter = cpuNanos(ProcessHandle.current());
            report.progress(
                    "%s at %,d/s for %d s: %s%s",
                    what, held, durationSeconds, latencies(run), held(run) ? "" : " (not held)");
            settle(load, run, afterBacklog);
            if (held(run)) {
                return new Held(
                        held,
                        run.sent() * (durationSeconds + warmupSeconds) / durationSeconds,
                        after - before,
                        launcherAfter - launcherBefore);
            }
            held = (int) (held * 0.9);
        }
        report.note(what + ": no rate was held for the full " + durationSeconds + " s; the figure is 0.");
        return new Held(0, 1, 0, 0);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process == null
                ? 0
                : process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private LoadReport measure(Load load, int rate, int seconds) throws InterruptedException {
        return load.run(rate, Duration.ofSeconds(seconds), Duration.ofSeconds(warmupSeconds), SETTLE, System.out);
    }

    /**
     * After a run that left messages on their way, waits up to {@link #BACKLOG_WAIT} for them, and starts the subscriber
     * over if they do not come, so that the next run measures neither the backlog nor its slow drain.
     */
    private static void settle(Load load, LoadReport run, Runnable afterBacklog) throws InterruptedException {
        if (run.lost() > 0 || run.delivered() < run.sent()) {
            // Whatever is still queued must not count in the next run.
            if (!load.awaitArrived(BACKLOG_WAIT)) {
                System.out.printf(
                        "  ... the backlog of that run did not drain within %d s%n", BACKLOG_WAIT.toSeconds());
                afterBacklog.run();
            }
        }
    }

    private static boolean held(LoadReport run) {
        return run.achievedRate() >= 0.98 * run.targetRate()
                && run.lost() == 0
                && run.p99Millis() < QUEUEING.toMillis();
    }

    private static boolean lost(LoadReport run) {
        return !held(run);
    }

    private static String latencies(LoadReport run) {
        return String.format(
                Locale.ROOT,
                "%.1f / %.1f / %.1f ms (achieved %,.0f/s, %,d of %,d arrived)",
                run.p50Millis(),
                run.p99Millis(),
                run.p999Millis(),
                run.achievedRate(),
                run.delivered(),
                run.sent());
    }
}
