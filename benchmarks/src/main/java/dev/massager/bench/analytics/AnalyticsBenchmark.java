package dev.massager.bench.analytics;

import dev.massager.bench.BenchmarkRun;
import dev.massager.bench.db.Databases;
import dev.massager.bench.db.SeedUsers;
import dev.massager.bench.http.ApiLoad;
import dev.massager.bench.report.CpuTime;
import dev.massager.bench.report.PeakMemory;
import dev.massager.bench.report.Report;
import dev.massager.infra.PostgresConnection;
import dev.massager.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * analytics-service at the size of a year of a large fleet: the full rebuild of the {@code nights} table, run as its
 * README says, and the latency of the personal insight under concurrent clients, over its own tables seeded directly.
 */
@Command(
        name = "analytics",
        mixinStandardHelpOptions = true,
        description = "Nights rebuild time and insight latency over seeded analytics tables.")
public final class AnalyticsBenchmark implements Callable<Integer> {

    static final String INSIGHT_90 = "insight, last 90 nights";
    static final String INSIGHT_YEAR = "insight, a year";

    @Option(names = "--users", description = "users (default ${DEFAULT-VALUE})")
    int users = 100_000;

    @Option(names = "--nights", description = "nights of history per user (default ${DEFAULT-VALUE})")
    int nights = 365;

    @Option(names = "--rebuilds", description = "rebuilds one after the other (default ${DEFAULT-VALUE})")
    int rebuilds = 2;

    @Option(names = "--clients", description = "concurrent insight clients (default ${DEFAULT-VALUE})")
    int clients = 16;

    @Option(names = "--duration", description = "measured seconds of insight load (default ${DEFAULT-VALUE})")
    int duration = 60;

    @Option(names = "--warmup", description = "seconds before the measured part (default ${DEFAULT-VALUE})")
    int warmup = 10;

    @Option(names = "--token-users", description = "users the insight clients pick from (default ${DEFAULT-VALUE})")
    int tokenUsers = 20_000;

    @Option(names = "--seed-connections", description = "connections that seed side by side (default ${DEFAULT-VALUE})")
    int seedConnections = 2;

    @Option(
            names = "--service-jvm-options",
            description = "JVM options of analytics-service and the rebuild after the local stack's own (default: both"
                    + " JIT compilers, as in production: ${DEFAULT-VALUE})")
    String serviceJvmOptions = "-XX:TieredStopAtLevel=4";

    @Option(names = "--rebuild-jfr", description = "record the rebuild with Java Flight Recorder into this file")
    Path rebuildJfr;

    @Option(names = "--no-cohort", description = "skip the cohort requests")
    boolean noCohort;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchmarkRun.quietLogging();
        Report report = new Report(
                "analytics", "Analytics: nights rebuild and insights", BenchmarkRun.command(spec), System.out);
        String loadAtStart = BenchmarkRun.loadAverage();
        LocalStack.Options options = BenchmarkRun.stack(EnumSet.of(LocalStack.Service.ANALYTICS), serviceJvmOptions);
        try (LocalStack stack = LocalStack.start(options)) {
            PostgresConnection postgres = stack.infrastructure().postgres();
            AnalyticsSeed seeding = new AnalyticsSeed(users, nights, seed);
            report.progress("seeding %,d users with %d nights each ...", users, nights);
            AnalyticsSeed.Result seeded = seeding.write(
                    () -> Databases.bulk(postgres, PostgresConnection.ANALYTICS),
                    seedConnections,
                    line -> report.progress("%s", line));
            report.figure(
                    "seeded",
                    String.format(
                            Locale.ROOT,
                            "%,d users, %d nights each: %,d sessions, %,d diary entries",
                            users,
                            nights,
                            seeded.sessions(),
                            seeded.entries()));
            report.figure(
                    "seeding time",
                    String.format(
                            Locale.ROOT,
                            "%s (rows %s, indexes %s, vacuum and analyze %s)",
                            BenchmarkRun.seconds(seeded.total()),
                            BenchmarkRun.seconds(seeded.rows()),
                            BenchmarkRun.seconds(seeded.indexes()),
                            BenchmarkRun.seconds(seeded.vacuum())));

            rebuild(report, stack, options);
            insights(report, stack, seeding);
            if (!noCohort) {
                cohort(report, stack, seeding);
            }
            ProcessHandle service = stack.serviceProcesses().get(LocalStack.Service.ANALYTICS);
            PeakMemory.peakRss(service)
                    .ifPresent(bytes -> report.figure("analytics-service peak RSS", BenchmarkRun.mebibytes(bytes)));
            report.note("The services and the rebuild run with " + String.join(" ", LocalStack.serviceJvmOptions())
                    + " (of two settings, the later wins).");
            report.note("Load average (1, 5, 15 min) of the machine at the start: " + loadAtStart + "; at the end: "
                    + BenchmarkRun.loadAverage() + ".");
            report.note("Everything runs on the same two cores: PostgreSQL, analytics-service, the rebuild, the"
                    + " clients, and the idle embedded Kafka and MQTT servers; other builds may have shared the cores"
                    + " too.");
            report.write(BenchmarkRun.reportDirectory());
        }
        return 0;
    }

    private void rebuild(Report report, LocalStack stack, LocalStack.Options options) throws Exception {
        PostgresConnection postgres = stack.infrastructure().postgres();
        List<String> jvm = new ArrayList<>(LocalStack.serviceJvmOptions());
        if (rebuildJfr != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + rebuildJfr.toAbsolutePath() + ",settings=profile");
        }
        Map<String, String> properties =
                new LinkedHashMap<>(stack.infrastructure().springProperties(PostgresConnection.ANALYTICS));
        properties.put(
                "massager.security.jwt.local-key-file", stack.jwtKeyFile().toString());
        properties.put("massager.security.jwt.public-key", "");
        RebuildCommand command = new RebuildCommand(
                options.servicesDirectory().resolve("analytics-service.jar").toAbsolutePath(),
                jvm,
                stack.logDirectory().resolve("rebuild-nights.log"));
        int port = BenchmarkRun.port(postgres);
        for (int run = 1; run <= rebuilds; run++) {
            String which = run == 1 ? "rebuild 1 (nights table empty)" : "rebuild " + run + " (nights table full)";
            report.progress("%s ...", which);
            Duration postgresBefore = CpuTime.ofPostgres(port);
            RebuildCommand.Run result = command.run(properties);
            Duration postgresCpu = CpuTime.ofPostgres(port).minus(postgresBefore);
            long rows;
            try (Connection connection = Databases.bulk(postgres, PostgresConnection.ANALYTICS)) {
                rows = Long.parseLong(Databases.lines(connection, "select count(*) from nights")
                        .get(0));
            }
            report.figure(which + ": the rebuild", BenchmarkRun.seconds(result.rebuild()), "≤ 30 s");
            report.figure(which + ": the command, JVM start to exit", BenchmarkRun.seconds(result.wall()), "");
            report.figure(
                    which + ": rebuilt",
                    String.format(
                            Locale.ROOT,
                            "%,d users, %,d nights (%,.0f nights/s)",
                            result.users(),
                            rows,
                            rows / (result.rebuild().toMillis() / 1000.0)));
            report.figure(which + ": time in each step, summed over the rebuild's workers", result.steps(), "");
            report.figure(
                    which + ": CPU",
                    String.format(
                            Locale.ROOT,
                            "PostgreSQL %s; the command's JVM %s, peak RSS %s",
                            BenchmarkRun.seconds(postgresCpu),
                            BenchmarkRun.seconds(result.cpu()),
                            BenchmarkRun.mebibytes(result.peakRss())));
        }
        try (Connection connection = Databases.bulk(postgres, PostgresConnection.ANALYTICS)) {
            report.figure(
                    "table sizes",
                    String.format(
                            Locale.ROOT,
                            "sessions %s, cramp_nights %s, nights %s",
                            Databases.size(connection, "sessions"),
                            Databases.size(connection, "cramp_nights"),
                            Databases.size(connection, "nights")));
        }
    }

    private void insights(Report report, LocalStack stack, AnalyticsSeed seeding) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> tokens =
                random.ints(0, users).distinct().limit(Math.min(users, tokenUsers)).boxed().toList().parallelStream()
                        .map(user -> stack.tokens().mint(SeedUsers.userId(user), List.of("user"), Duration.ofHours(3)))
                        .toList();
        URI insight = stack.analyticsServiceUri().resolve("/api/v1/me/insights");
        URI year = URI.create(insight + "?from=" + seeding.firstNight() + "&to=" + seeding.lastNight());
        report.progress("%d insight clients, %d s warm-up, %d s measured ...", clients, warmup, duration);
        ProcessHandle service = stack.serviceProcesses().get(LocalStack.Service.ANALYTICS);
        int postgresPort = BenchmarkRun.port(stack.infrastructure().postgres());
        Duration[] cpuAtStart = new Duration[3];
        ApiLoad.Result result = ApiLoad.run(
                clients,
                0,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(duration),
                List.of(INSIGHT_90, INSIGHT_YEAR),
                seed,
                () -> {
                    cpuAtStart[0] = CpuTime.of(service);
                    cpuAtStart[1] = CpuTime.ofPostgres(postgresPort);
                    cpuAtStart[2] = CpuTime.ofThisJvm();
                },
                (client, r) -> {
                    String token = tokens.get(r.nextInt(tokens.size()));
                    if (r.nextDouble() < 0.8) {
                        client.get(INSIGHT_90, insight, token);
                    } else {
                        client.get(INSIGHT_YEAR, year, token);
                    }
                });
        for (Map.Entry<String, Histogram> kind : result.latencies().entrySet()) {
            Histogram micros = kind.getValue();
            report.figure(kind.getKey() + ": p50", ApiLoad.millis(micros.getValueAtPercentile(50)));
            report.figure(kind.getKey() + ": p99", ApiLoad.millis(micros.getValueAtPercentile(99)));
            report.figure(kind.getKey() + ": requests", String.format(Locale.ROOT, "%,d", micros.getTotalCount()));
        }
        report.figure("insights: throughput", String.format(Locale.ROOT, "%,.0f requests/s", result.throughput()));
        report.figure(
                "insights: CPU in the measured part (" + 2 * duration + " core-seconds on 2 cores)",
                String.format(
                        Locale.ROOT,
                        "analytics-service %s, PostgreSQL %s, clients (this JVM) %s",
                        BenchmarkRun.seconds(CpuTime.of(service).minus(cpuAtStart[0])),
                        BenchmarkRun.seconds(CpuTime.ofPostgres(postgresPort).minus(cpuAtStart[1])),
                        BenchmarkRun.seconds(CpuTime.ofThisJvm().minus(cpuAtStart[2]))));
        report.figure("insights: throttled (429), failed", result.throttled() + ", " + result.failed(), "0, 0");
        result.failures().forEach(failure -> report.note("failure: " + failure));
        report.note("Insights: " + clients + " clients in a closed loop, each request for one of " + tokens.size()
                + " users at random; 80% ask for the default range (the 90 nights up to yesterday), 20% for the whole"
                + " year (" + seeding.firstNight() + " to " + seeding.lastNight() + ").");
    }

    /** A few cohort requests one after the other: these read every user's nights of the range. */
    private void cohort(Report report, LocalStack stack, AnalyticsSeed seeding) throws InterruptedException {
        String token = stack.tokens().mint("bench-analyst", List.of("analyst"), Duration.ofHours(1));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LocalDate to = seeding.lastNight();
        for (String path : List.of("cramps", "usage")) {
            for (int nights : new int[] {7, 30}) {
                URI uri = stack.analyticsServiceUri()
                        .resolve("/api/v1/cohort/" + path + "?from=" + to.minusDays(nights - 1L) + "&to=" + to);
                String name = "cohort " + path + ", " + nights + " nights";
                long started = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofMinutes(3))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    report.figure(
                            name + ": one request",
                            response.statusCode() == 200
                                    ? ApiLoad.millis(took.toNanos() / 1000.0)
                                    : "answered " + response.statusCode() + " after " + BenchmarkRun.seconds(took));
                } catch (java.io.IOException e) {
                    report.figure(
                            name + ": one request",
                            "failed after " + BenchmarkRun.seconds(Duration.ofNanos(System.nanoTime() - started)) + ": "
                                    + e);
                }
            }
        }
        report.note("Cohort: one request of each kind after the other, with no other load. Each reads every user's"
                + " nights of the range.");
    }
}
