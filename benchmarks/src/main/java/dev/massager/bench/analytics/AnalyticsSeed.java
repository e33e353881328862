package dev.massager.bench.analytics;

import static dev.massager.bench.db.SeedUsers.ZONES;
import static dev.massager.bench.db.SeedUsers.deviceId;
import static dev.massager.bench.db.SeedUsers.userId;

import dev.massager.bench.db.BulkLoad;
import dev.massager.bench.db.SideBySide;
import dev.massager.bench.db.SideBySide.ConnectionSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * Users with a year of nights, written straight into analytics-service's own tables (after the service migrated
 * them) as its consumers would have stored them: sessions with their exposure night, diary entries with an explicit
 * "no cramps" where there were none, and each user's massager offline since the last night, so every night's device
 * data is complete. The {@code nights} table is left empty: the rebuild fills it.
 *
 * <p>Each user has their own habits: how many evenings they use the massager (20% to 80%), how many mornings they
 * fill in the diary (40% to 95%), and how likely a night with cramps is (15% to 60%, and 0.7 times that after an
 * evening session). One session night in ten has a second session; 8% of sessions are in the morning and count for
 * no night. One diary entry in a hundred was deleted. Whether a night has a session is a hash of the user and the
 * night, so the sessions and the diary entries, written by separate statements, agree on it.
 */
final class AnalyticsSeed {

    /** Nights per statement: each sorts its part of the sessions and entries by time, as they arrived. */
    private static final int NIGHTS_PER_CHUNK = 14;

    /**
     * How long each part of the seed took, and what it wrote.
     *
     * @param sessions rows written to {@code sessions}
     * @param entries rows written to {@code cramp_nights}
     */
    record Result(Duration rows, Duration indexes, Duration vacuum, long sessions, long entries) {

        Duration total() {
            return rows.plus(indexes).plus(vacuum);
        }
    }

    private final int users;
    private final int nights;
    private final LocalDate firstNight;
    private final long seed;

    /**
     * @param nights nights of history per user, the last one the night before yesterday
     */
    AnalyticsSeed(int users, int nights, long seed) {
        this.users = users;
        this.nights = nights;
        this.firstNight = LocalDate.now(ZoneOffset.UTC).minusDays(nights + 1L);
        this.seed = seed;
    }

    LocalDate firstNight() {
        return firstNight;
    }

    LocalDate lastNight() {
        return firstNight.plusDays(nights - 1L);
    }

    Result write(ConnectionSource open, int connections, Consumer<String> progress)
            throws SQLException, InterruptedException {
        try (Connection connection = open.get()) {
            long started = System.nanoTime();
            writeUsers(connection);
            List<BulkLoad> indexes = new ArrayList<>();
            for (String table : List.of("sessions", "cramp_nights")) {
                indexes.add(BulkLoad.dropIndexes(connection, table));
            }
            int chunks = (nights + NIGHTS_PER_CHUNK - 1) / NIGHTS_PER_CHUNK;
            List<String> statements = new ArrayList<>();
            for (int chunk = 0; chunk < chunks; chunk++) {
                int from = chunk * NIGHTS_PER_CHUNK;
                int to = Math.min(nights, from + NIGHTS_PER_CHUNK);
                statements.add(sessions(from, to));
                statements.add(entries(from, to));
            }
            SideBySide.run(open, connections, null, statements, done -> {
                if (done % 2 == 0 || done == statements.size()) {
                    progress.accept(String.format(
                            Locale.ROOT,
                            "sessions and diary entries: %d/%d nights",
                            Math.min(nights, done / 2 * NIGHTS_PER_CHUNK),
                            nights));
                }
            });
            Duration rows = since(started);
            progress.accept("building the indexes of sessions and cramp_nights");
            started = System.nanoTime();
            for (BulkLoad index : indexes) {
                index.restore(connection);
            }
            Duration indexing = since(started);
            progress.accept("vacuum and analyze");
            started = System.nanoTime();
            long sessions;
            long entries;
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table bench_users");
                statement.execute("vacuum analyze sessions, cramp_nights, device_statuses, user_devices, nights");
                sessions = count(statement, "sessions");
                entries = count(statement, "cramp_nights");
            }
            return new Result(rows, indexing, since(started), sessions, entries);
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (var rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void writeUsers(Connection connection) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder rows = new StringBuilder(users * 80);
        for (int user = 0; user < users; user++) {
            rows.append(user)
                    .append('\t')
                    .append(userId(user))
                    .append('\t')
                    .append(deviceId(user))
                    .append('\t')
                    .append(ZONES.get(random.nextInt(ZONES.size())))
                    .append('\t')
                    .append(String.format(Locale.ROOT, "%.3f", 0.2 + 0.6 * random.nextDouble()))
                    .append('\t')
                    .append(String.format(Locale.ROOT, "%.3f", 0.4 + 0.55 * random.nextDouble()))
                    .append('\t')
                    .append(String.format(Locale.ROOT, "%.3f", 0.15 + 0.45 * random.nextDouble()))
                    .append('\n');
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_users");
            statement.execute("""
                    create unlogged table bench_users (
                        n integer primary key, user_id text not null, device_id text not null,
                        time_zone text not null, sessions real not null, diary real not null, cramps real not null)
                    """);
            ((PGConnection) connection)
                    .getCopyAPI()
                    .copyIn("copy bench_users from stdin", new StringReader(rows.toString()));
            statement.execute("""
                    insert into device_statuses (device_id, state, firmware, received_at)
                    select device_id, 'OFFLINE', '2.3.1', now() - interval '2 hours' from bench_users order by n
                    """);
            // The service keeps which devices ran each user's sessions as it stores them; every user here has
            // sessions on their one device.
            statement.execute("""
                    insert into user_devices (user_id, device_id) select user_id, device_id from bench_users order by n
                    """);
        } catch (IOException e) {
            throw new SQLException("Could not copy the users", e);
        }
    }

    /** A uniform number in [0, 1) from the user, the night and a salt: the same in every statement. */
    private static String uniform(String user, String night, int salt) {
        return "((hashint8((%s::bigint * 1000 + %s) * 16 + %d)::bigint + 2147483648) / 4294967296.0)"
                .formatted(user, night, salt);
    }

    /** The sessions of nights [from, to), in the order they started. */
    private String sessions(int from, int to) {
        String hasSession = uniform("u.n", "d", 1) + " < u.sessions";
        return """
                insert into sessions (session_id, revision, user_id, device_id, status, started_at, ended_at,
                    duration_seconds, seconds_by_mode, intensities, heats, end_reason, firmware, time_zone,
                    exposure_night, received_at, updated_at)
                select md5('massager-session/' || device_id || '/s-' || night || '-' || i)::uuid, 3, user_id,
                    device_id, 'ENDED', started_at, started_at + make_interval(secs => duration), duration,
                    case when r3 < 0.2 then jsonb_build_object(mode, duration * 2 / 3, 'FULL', duration - duration * 2 / 3)
                        else jsonb_build_object(mode, duration) end,
                    array[1 + floor(r4 * 3)::int]::smallint[],
                    case when r5 < 0.5 then '{OFF}' when r5 < 0.8 then '{LOW}' else '{HIGH}' end::text[],
                    case when duration %% 300 = 0 then 'TIMER' else 'USER' end, '2.3.1', time_zone,
                    case when kind = 'morning' then null else night end,
                    started_at + make_interval(secs => duration + 60), started_at + make_interval(secs => duration + 60)
                from (
                    select *, (night + case kind
                                when 'evening' then interval '19 hours' + r1 * interval '5 hours'
                                when 'late' then interval '24 hours' + r1 * interval '2 hours'
                                else interval '31 hours' + r1 * interval '3 hours' end) at time zone time_zone
                            as started_at,
                        case when r2 < 0.3 then 600 when r2 < 0.8 then 900 when r2 < 0.9 then 1200
                            else 120 + floor(r2 * 900)::int end as duration,
                        case when r3 < 0.5 then 'WAVE' when r3 < 0.8 then 'SEQUENTIAL' else 'FULL' end as mode
                    from (
                        select u.user_id, u.device_id, u.time_zone, date '%1$s' + d as night, i,
                            case when %4$s < 0.85 then 'evening' when %4$s < 0.92 then 'late' else 'morning' end as kind,
                            %5$s as r1, %6$s as r2, %7$s as r3, %8$s as r4, %9$s as r5
                        from bench_users u, generate_series(%2$d, %3$d - 1) as d, (values (1), (2)) as s(i)
                        where %10$s and (i = 1 or %11$s < 0.1)
                        offset 0) as drawn
                    offset 0) as timed
                order by started_at
                """.formatted(
                        firstNight,
                        from,
                        to,
                        uniform("u.n", "d * 2 + i", 3),
                        uniform("u.n", "d * 2 + i", 4),
                        uniform("u.n", "d * 2 + i", 5),
                        uniform("u.n", "d * 2 + i", 6),
                        uniform("u.n", "d * 2 + i", 7),
                        uniform("u.n", "d * 2 + i", 8),
                        hasSession,
                        uniform("u.n", "d", 2));
    }

    /** The diary entries of nights [from, to), in the order they were written (the next morning). */
    private String entries(int from, int to) {
        String hadSession = uniform("u.n", "d", 1) + " < u.sessions";
        return """
                insert into cramp_nights (user_id, night, cramps, severity, muscles, woke_up, time_zone, updated_at,
                    deleted)
                select user_id, night, cramps,
                    case when cramps = 0 then 0 else 1 + floor(r3 * 9)::int end,
                    case when cramps = 0 then '{}'::text[]
                        when r4 < 0.5 then '{CALF_LEFT}'::text[] when r4 < 0.8 then '{CALF_RIGHT}'::text[]
                        when r4 < 0.9 then '{CALF_LEFT,CALF_RIGHT}'::text[] else '{FOOT_LEFT}'::text[] end,
                    cramps > 0 and r5 < 0.6, time_zone,
                    (night + interval '1 day 7 hours' + r5 * interval '3 hours') at time zone time_zone as written,
                    r6 < 0.01
                from (
                    select u.user_id, u.time_zone, date '%1$s' + d as night,
                        case when %4$s < u.cramps * case when %5$s then 0.7 else 1 end
                            then 1 + floor(%6$s * 3)::int else 0 end as cramps,
                        %7$s as r3, %8$s as r4, %9$s as r5, %10$s as r6
                    from bench_users u, generate_series(%2$d, %3$d - 1) as d
                    where %11$s < u.diary
                    offset 0) as drawn
                order by written
                """.formatted(
                        firstNight,
                        from,
                        to,
                        uniform("u.n", "d", 10),
                        hadSession,
                        uniform("u.n", "d", 11),
                        uniform("u.n", "d", 12),
                        uniform("u.n", "d", 13),
                        uniform("u.n", "d", 14),
                        uniform("u.n", "d", 15),
                        uniform("u.n", "d", 9));
    }
}
