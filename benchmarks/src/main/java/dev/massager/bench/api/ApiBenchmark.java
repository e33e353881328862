package dev.massager.bench.api;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The companion app's session history ({@code GET /api/v1/me/sessions}) under concurrent clients, over a database
 * seeded with a year of sessions of many users.
 *
 * <p>Keyset pagination costs the same at any depth: a page is an index descent to the cursor's position and a short
 * range read, never an offset skipped. What makes a page "deep" is where it starts: far back in a user's history, in
 * older parts of the table. So deep pages are measured two ways, as an app reaches them: walking the cursors of a heavy
 * user to page 20 and beyond (400 sessions back and more), and a {@code to}-bounded page 9 to 11 months back ("my
 * sessions before March") for any user.
 */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description = "Session history latency with concurrent clients over a seeded sessions database.")
public final class ApiBenchmark implements Callable<Integer> {

    static final String FIRST = "first page";
    static final String NEXT = "next pages (cursor, pages 2-19)";
    static final String DEEP = "deep pages (cursor, page 20 and on)";
    static final String RANGE = "deep range (to = 9-11 months back)";

    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

    private static final String PAGE_SQL = """
            select session_id, revision, user_id, device_id, device_session_id, status, started_at, ended_at,
                end_reason, duration_seconds, seconds_by_mode, intensities, heats, pressure, sample_count, gap_count,
                gap_seconds, firmware, clock_skew, time_zone
            from sessions where user_id = '%s'%s order by started_at desc, session_id desc limit %d
            """;

    @Option(names = "--sessions", description = "sessions in the database (default ${DEFAULT-VALUE})")
    long sessions = 10_000_000;

    @Option(names = "--users", description = "users, each with a paired massager (default ${DEFAULT-VALUE})")
    int users = 100_000;

    @Option(names = "--days", description = "length of the history (default ${DEFAULT-VALUE})")
    int days = 365;

    @Option(names = "--clients", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients = 50;

    @Option(names = "--duration", description = "measured seconds (default ${DEFAULT-VALUE})")
    int duration = 60;

    @Option(names = "--warmup", description = "seconds before the measured part (default ${DEFAULT-VALUE})")
    int warmup = 10;

    @Option(names = "--page-size", description = "limit of each page (default ${DEFAULT-VALUE})")
    int pageSize = 20;

    @Option(
            names = "--deep-page",
            description = "the first page a cursor walk counts as deep (default ${DEFAULT-VALUE})")
    int deepPage = 20;

    @Option(
            names = "--token-users",
            description = "users the clients pick from at random, besides the heavy users (default ${DEFAULT-VALUE})")
    int tokenUsers = 20_000;

    @Option(names = "--seed-connections", description = "connections that seed side by side (default ${DEFAULT-VALUE})")
    int seedConnections = 2;

    @Option(
            names = "--service-jvm-options",
            description = "JVM options of session-service after the local stack's own (default: both JIT compilers,"
                    + " as in production: ${DEFAULT-VALUE})")
    String serviceJvmOptions = "-XX:TieredStopAtLevel=4";

    @Option(
            names = "--paced-rate",
            description = "requests/s of the paced run after the closed loop (default: half the closed loop's)")
    double pacedRate;

    @Option(names = "--no-paced", description = "only the closed loop")
    boolean noPaced;

    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchmarkRun.quietLogging();
        Report report = new Report(
                "api", "API: session history (GET /api/v1/me/sessions)", BenchmarkRun.command(spec), System.out);
        String loadAtStart = BenchmarkRun.loadAverage();
        int[] counts = SessionHistorySeed.sessionsPerUser(sessions, users, 2 * days, seed);
        try (LocalStack stack =
                LocalStack.start(BenchmarkRun.stack(EnumSet.of(LocalStack.Service.SESSIONS), serviceJvmOptions))) {
            PostgresConnection postgres = stack.infrastructure().postgres();
            SessionHistorySeed seeding = new SessionHistorySeed(counts, days, seed);
            report.progress("seeding %,d sessions of %,d users ...", sessions, users);
            SessionHistorySeed.Times seeded = seeding.write(
                    () -> Databases.bulk(postgres, PostgresConnection.SESSIONS),
                    seedConnections,
                    line -> report.progress("%s", line));
            report.figure(
                    "seeding: sessions in the database",
                    String.format(Locale.ROOT, "%,d sessions of %,d users over %d days", sessions, users, days));
            report.figure(
                    "seeding time",
                    String.format(
                            Locale.ROOT,
                            "%s (users %s, sessions %s, indexes %s, vacuum and analyze %s)",
                            BenchmarkRun.seconds(seeded.total()),
                            BenchmarkRun.seconds(seeded.users()),
                            BenchmarkRun.seconds(seeded.sessions()),
                            BenchmarkRun.seconds(seeded.indexes()),
                            BenchmarkRun.seconds(seeded.vacuum())));
            try (Connection connection = Databases.bulk(postgres, PostgresConnection.SESSIONS)) {
                report.figure("seeding: size of the sessions table", Databases.size(connection, "sessions"));
            }

            int heavyFrom = deepPage * pageSize + 1;
            List<Integer> heavy = IntStream.range(0, users)
                    .filter(u -> counts[u] >= heavyFrom)
                    .boxed()
                    .toList();
            List<Integer> sampled = sample(users, tokenUsers, new SplittableRandom(seed));
            report.progress("minting tokens for %,d users and %,d heavy users ...", sampled.size(), heavy.size());
            String[] tokens = tokens(stack, sampled);
            String[] heavyTokens = tokens(stack, heavy);
            if (heavyTokens.length == 0) {
                throw new IllegalStateException("no user has " + heavyFrom + " sessions: seed more sessions per user");
            }

            URI history = stack.sessionServiceUri().resolve("/api/v1/me/sessions");
            Instant firstDay = seeding.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
            ApiLoad.Visit visit = (client, random) -> {
                double kind = random.nextDouble();
                if (kind < 0.65) {
                    String token = tokens[random.nextInt(tokens.length)];
                    client.get(FIRST, page(history, null, null), token);
                } else if (kind < 0.95) {
                    String token = tokens[random.nextInt(tokens.length)];
                    Instant to = firstDay.plus(Duration.ofMinutes(random.nextLong(
                            Duration.ofDays(30).toMinutes(), Duration.ofDays(90).toMinutes())));
                    client.get(RANGE, page(history, null, to), token);
                } else {
                    walk(client, history, heavyTokens[random.nextInt(heavyTokens.length)]);
                }
            };
            double closed = measure(report, stack, "closed loop", 0, visit);
            if (!noPaced) {
                double rate = pacedRate > 0 ? pacedRate : Math.max(10, Math.round(closed / 2 / 10) * 10);
                measure(report, stack, String.format(Locale.ROOT, "paced, %,.0f/s", rate), rate, visit);
            }
            ProcessHandle service = stack.serviceProcesses().get(LocalStack.Service.SESSIONS);
            PeakMemory.peakRss(service)
                    .ifPresent(bytes -> report.figure("session-service peak RSS", BenchmarkRun.mebibytes(bytes)));

            explain(report, postgres, heavy.get(0), firstDay);
            report.note("Closed loop: each of " + clients + " clients sends its next request when the previous one"
                    + " was answered, over its own keep-alive connection, so latency includes queueing for the two"
                    + " cores and throughput is what the service sustains at that concurrency. Paced: the same clients"
                    + " send at a fixed total rate (by default half the closed loop's throughput), each request timed"
                    + " from when it was due.");
            report.note("session-service runs with " + String.join(" ", LocalStack.serviceJvmOptions())
                    + " (of two settings, the later wins).");
            report.note("Clients pick users at random among " + sampled.size() + " (first pages, deep ranges) and "
                    + heavy.size() + " heavy users with " + heavyFrom + "+ sessions (cursor walks to page "
                    + (deepPage + 4) + " at most); visits are 65% first page, 30% deep range, 5% cursor walk. The"
                    + " rate limit stays at its default (20 requests/s, bursts of 40 per user): spread over that many"
                    + " users, no client is throttled.");
            report.note("Load average (1, 5, 15 min) of the machine at the start: " + loadAtStart + "; at the end: "
                    + BenchmarkRun.loadAverage() + ".");
            report.note("Everything runs on the same two cores: PostgreSQL, session-service, the clients, and the"
                    + " idle embedded Kafka and MQTT servers; other builds may have shared the cores too.");
            report.write(BenchmarkRun.reportDirectory());
        }
        return 0;
    }

    /**
     * One measured run of the clients, with its figures in the report.
     *
     * @param rate requests per second over all clients, 0 for a closed loop
     * @return the throughput achieved
     */
    private double measure(Report report, LocalStack stack, String phase, double rate, ApiLoad.Visit visit)
            throws InterruptedException {
        ProcessHandle service = stack.serviceProcesses().get(LocalStack.Service.SESSIONS);
        int postgresPort = BenchmarkRun.port(stack.infrastructure().postgres());
        Duration[] cpuAtStart = new Duration[3];
        long[] readsAtStart = new long[5];
        report.progress(
                "%s: %d clients, %d s warm-up, %d s measured, pages of %d ...",
                phase, clients, warmup, duration, pageSize);
        ApiLoad.Result result = ApiLoad.run(
                clients,
                rate,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(duration),
                List.of(FIRST, NEXT, DEEP, RANGE),
                seed,
                () -> {
                    cpuAtStart[0] = CpuTime.of(service);
                    cpuAtStart[1] = CpuTime.ofPostgres(postgresPort);
                    cpuAtStart[2] = CpuTime.ofThisJvm();
                    long[] blocks = blocks(stack.infrastructure().postgres());
                    System.arraycopy(blocks, 0, readsAtStart, 0, 4);
                    readsAtStart[4] = CpuTime.postgresDiskReads(postgresPort);
                },
                visit);
        long diskReads = CpuTime.postgresDiskReads(postgresPort) - readsAtStart[4];
        long[] blocks = blocks(stack.infrastructure().postgres());
        Duration serviceCpu = CpuTime.of(service).minus(cpuAtStart[0]);
        Duration postgresCpu = CpuTime.ofPostgres(postgresPort).minus(cpuAtStart[1]);
        Duration clientCpu = CpuTime.ofThisJvm().minus(cpuAtStart[2]);
        for (Map.Entry<String, Histogram> kind : result.latencies().entrySet()) {
            figures(report, phase + ", " + kind.getKey(), kind.getValue());
        }
        figures(report, phase + ", all requests", result.all());
        report.figure(phase + ", throughput", String.format(Locale.ROOT, "%,.0f requests/s", result.throughput()));
        report.figure(phase + ", throttled (429), failed", result.throttled() + ", " + result.failed(), "0, 0");
        result.failures().forEach(failure -> report.note(phase + ", failure: " + failure));
        report.figure(
                phase + ", CPU in the measured part (" + 2 * duration + " core-seconds on 2 cores)",
                String.format(
                        Locale.ROOT,
                        "session-service %s, PostgreSQL %s, clients (this JVM) %s",
                        BenchmarkRun.seconds(serviceCpu),
                        BenchmarkRun.seconds(postgresCpu),
                        BenchmarkRun.seconds(clientCpu)));
        report.figure(
                phase + ", sessions table blocks: from shared buffers / read (heap; index)",
                String.format(
                        Locale.ROOT,
                        "heap %,d / %,d; index %,d / %,d; PostgreSQL read %s from disk",
                        blocks[1] - readsAtStart[1],
                        blocks[0] - readsAtStart[0],
                        blocks[3] - readsAtStart[3],
                        blocks[2] - readsAtStart[2],
                        BenchmarkRun.mebibytes(diskReads)));
        return result.throughput();
    }

    /**
     * Blocks of the sessions table and its indexes read into and found in PostgreSQL's shared buffers so far; a read
     * comes from the page cache or the disk.
     *
     * @return heap read, heap hit, index read, index hit; zeros when the statistics cannot be read
     */
    private static long[] blocks(PostgresConnection postgres) {
        try (Connection connection = Databases.bulk(postgres, PostgresConnection.SESSIONS);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select heap_blks_read, heap_blks_hit, idx_blks_read,"
                        + " idx_blks_hit from pg_statio_user_tables where relname = 'sessions'")) {
            return row.next()
                    ? new long[] {row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)}
                    : new long[4];
        } catch (SQLException e) {
            return new long[4];
        }
    }

    /** Walks the cursors of a heavy user's history, from the first page to a few pages past the deep one. */
    private void walk(ApiLoad.Client client, URI history, String token) throws InterruptedException {
        String body = client.get(FIRST, page(history, null, null), token);
        for (int page = 2; body != null && page <= deepPage + 4; page++) {
            Matcher next = NEXT_CURSOR.matcher(body);
            if (!next.find()) {
                return;
            }
            body = client.get(page < deepPage ? NEXT : DEEP, page(history, next.group(1), null), token);
        }
    }

    private URI page(URI history, String cursor, Instant to) {
        StringBuilder query = new StringBuilder("?limit=").append(pageSize);
        if (cursor != null) {
            query.append("&cursor=").append(cursor);
        }
        if (to != null) {
            query.append("&to=").append(to);
        }
        return URI.create(history + query.toString());
    }

    private static void figures(Report report, String kind, Histogram micros) {
        if (micros.getTotalCount() == 0) {
            report.figure(kind, "no requests");
            return;
        }
        report.figure(kind + ": p50", ApiLoad.millis(micros.getValueAtPercentile(50)), "");
        report.figure(kind + ": p99", ApiLoad.millis(micros.getValueAtPercentile(99)), "≤ 15 ms");
        report.figure(
                kind + ": p99.9, max, requests",
                String.format(
                        Locale.ROOT,
                        "%s, %s, %,d",
                        ApiLoad.millis(micros.getValueAtPercentile(99.9)),
                        ApiLoad.millis(micros.getMaxValue()),
                        micros.getTotalCount()));
    }

    private static List<Integer> sample(int users, int count, SplittableRandom random) {
        if (count >= users) {
            return IntStream.range(0, users).boxed().toList();
        }
        return random.ints(0, users).distinct().limit(count).boxed().toList();
    }

    private static String[] tokens(LocalStack stack, List<Integer> users) {
        return users.parallelStream()
                .map(user -> stack.tokens().mint(SeedUsers.userId(user), List.of("user"), Duration.ofHours(3)))
                .toArray(String[]::new);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the service's page query, first page and deep, printed and summed up. */
    private void explain(Report report, PostgresConnection postgres, int heavyUser, Instant firstDay)
            throws SQLException {
        String user = SeedUsers.userId(heavyUser);
        try (Connection connection = Databases.bulk(postgres, PostgresConnection.SESSIONS)) {
            List<String[]> queries = new ArrayList<>();
            queries.add(new String[] {FIRST, ""});
            try (PreparedStatement position = connection.prepareStatement("select started_at, session_id from sessions"
                    + " where user_id = ? order by started_at desc, session_id desc offset ? limit 1")) {
                position.setString(1, user);
                position.setInt(2, (deepPage - 1) * pageSize - 1);
                try (ResultSet row = position.executeQuery()) {
                    if (row.next()) {
                        queries.add(new String[] {
                            DEEP,
                            " and (started_at, session_id) < ('" + row.getObject(1, java.time.OffsetDateTime.class)
                                    + "', '" + row.getString(2) + "')"
                        });
                    }
                }
            }
            queries.add(new String[] {RANGE, " and started_at < '" + firstDay.plus(Duration.ofDays(60)) + "'"});
            for (String[] query : queries) {
                List<String> plan = Databases.lines(
                        connection, "explain (analyze, buffers) " + PAGE_SQL.formatted(user, query[1], pageSize + 1));
                System.out.println("  EXPLAIN (ANALYZE, BUFFERS), " + query[0] + ", " + user + ":");
                plan.forEach(line -> System.out.println("    " + line));
                report.note("EXPLAIN (ANALYZE, BUFFERS) of the service's query, " + query[0] + " of " + user + ": "
                        + summary(plan));
            }
        }
    }

    /** The plan's top node, its buffers and the execution time, in one line. */
    private static String summary(List<String> plan) {
        String buffers = plan.stream()
                .filter(line -> line.strip().startsWith("Buffers:"))
                .findFirst()
                .map(String::strip)
                .orElse("");
        String execution = plan.stream()
                .filter(line -> line.startsWith("Execution Time"))
                .findFirst()
                .orElse("");
        String scan = plan.stream()
                .filter(line -> line.contains("Scan"))
                .findFirst()
                .map(line -> line.strip().replaceFirst("^->\\s*", "").replaceAll("\\s+\\(cost=.*", ""))
                .orElse(plan.get(0));
        return "`" + scan + "`, " + buffers + ", " + execution;
    }
}
