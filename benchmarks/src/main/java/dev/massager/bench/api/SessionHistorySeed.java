package dev.massager.bench.api;

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
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * Users with a paired massager and a year of sessions, written straight into session-service's database (after the
 * service migrated it) as the service would have stored them: roll-ups, accumulator and owner.
 *
 * <p>How much each user uses the massager varies: the sessions per user follow an exponential distribution (many light
 * users, a few who use it every evening), at most two a day. Each user's sessions are spread evenly over the year,
 * mostly in the evening in the user's own time zone. They are inserted in the order they started, all users
 * interleaved, as they would have arrived: a user's sessions lie scattered over the table, not side by side.
 */
final class SessionHistorySeed {

    /** One statement per chunk of the year, in the order of time: each sorts a part of the sessions by their start. */
    private static final int CHUNKS = 24;

    /**
     * How many sessions each user has: exponentially distributed, {@code sessions} in all, none more than
     * {@code maxPerUser}.
     */
    static int[] sessionsPerUser(long sessions, int users, int maxPerUser, long seed) {
        if (sessions > (long) users * maxPerUser) {
            throw new IllegalArgumentException(
                    sessions + " sessions do not fit " + users + " users with at most " + maxPerUser + " each");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] weights = new double[users];
        double total = 0;
        for (int i = 0; i < users; i++) {
            weights[i] = -Math.log(1 - random.nextDouble());
            total += weights[i];
        }
        int[] counts = new int[users];
        long assigned = 0;
        for (int i = 0; i < users; i++) {
            counts[i] = (int) Math.min(maxPerUser, Math.floor(sessions * weights[i] / total));
            assigned += counts[i];
        }
        // The rounding and the cap leave some over: one more each to users drawn at random, below the cap.
        while (assigned < sessions) {
            int user = random.nextInt(users);
            if (counts[user] < maxPerUser) {
                counts[user]++;
                assigned++;
            }
        }
        return counts;
    }

    private final int[] counts;
    private final int days;
    private final LocalDate firstDay;
    private final long seed;

    /**
     * @param counts sessions per user, from {@link #sessionsPerUser}
     * @param days the length of the history, ending two days ago
     */
    SessionHistorySeed(int[] counts, int days, long seed) {
        this.counts = counts;
        this.days = days;
        this.firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(days + 2L);
        this.seed = seed;
    }

    /** The first day of the history (UTC), from which deep queries pick their instants. */
    LocalDate firstDay() {
        return firstDay;
    }

    /**
     * How long each part of the seed took.
     *
     * @param users users, time zones, devices and pairings
     * @param sessions the sessions, without indexes
     * @param indexes building the indexes and constraints of {@code sessions}
     * @param vacuum vacuum and analyze
     */
    record Times(Duration users, Duration sessions, Duration indexes, Duration vacuum) {

        Duration total() {
            return users.plus(sessions).plus(indexes).plus(vacuum);
        }
    }

    /**
     * Writes the users, their devices, pairings and time zones, then the sessions, on {@code connections} connections
     * side by side.
     *
     * @param open opens a connection for bulk work
     * @param progress told after each part
     */
    Times write(ConnectionSource open, int connections, Consumer<String> progress)
            throws SQLException, InterruptedException {
        try (Connection connection = open.get()) {
            long started = System.nanoTime();
            writeUsers(connection);
            Duration users = since(started);
            progress.accept(counts.length + " users with a paired massager");
            started = System.nanoTime();
            BulkLoad indexes = BulkLoad.dropIndexes(connection, "sessions");
            writeSessions(open, connections, progress);
            Duration sessions = since(started);
            progress.accept("building the indexes and constraints of sessions");
            started = System.nanoTime();
            indexes.restore(connection);
            Duration indexing = since(started);
            progress.accept("vacuum and analyze");
            started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                // What autovacuum would have done by now in a service that ran for a year: hint bits, visibility map
                // and statistics.
                statement.execute("vacuum analyze sessions");
                statement.execute("analyze users, user_time_zones, devices, device_pairings");
            }
            return new Times(users, sessions, indexing, since(started));
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void writeUsers(Connection connection) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder rows = new StringBuilder(counts.length * 64);
        for (int user = 0; user < counts.length; user++) {
            rows.append(user)
                    .append('\t')
                    .append(userId(user))
                    .append('\t')
                    .append(deviceId(user))
                    .append('\t')
                    .append(ZONES.get(random.nextInt(ZONES.size())))
                    .append('\t')
                    .append(counts[user])
                    .append('\n');
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_users");
            // A plain table rather than a temporary one: the other connections of writeSessions read it too.
            statement.execute("""
                    create unlogged table bench_users (
                        n integer primary key, user_id text not null, device_id text not null,
                        time_zone text not null, sessions integer not null)
                    """);
            ((PGConnection) connection)
                    .getCopyAPI()
                    .copyIn("copy bench_users from stdin", new StringReader(rows.toString()));
            String joined = "timestamptz '" + firstDay + " 00:00Z' - interval '30 days'";
            statement.execute("insert into users (user_id, time_zone, created_at, time_zone_chosen)"
                    + " select user_id, time_zone, " + joined + ", true from bench_users order by n");
            statement.execute("insert into user_time_zones (user_id, time_zone, effective_from)"
                    + " select user_id, time_zone, " + joined + " from bench_users order by n");
            // The hash of a pairing code nobody needs: pairing is not what this benchmark measures.
            statement.execute("insert into devices (device_id, pairing_code_hash, provisioned_at)"
                    + " select device_id, md5(device_id), " + joined + " - interval '30 days' from bench_users"
                    + " order by n");
            statement.execute("insert into device_pairings (device_id, user_id, paired_at)"
                    + " select device_id, user_id, " + joined + " + interval '1 hour' from bench_users order by n");
        } catch (IOException e) {
            throw new SQLException("Could not copy the users", e);
        }
    }

    private void writeSessions(ConnectionSource open, int connections, Consumer<String> progress)
            throws SQLException, InterruptedException {
        List<String> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            chunks.add(sessionsOfChunk(chunk));
        }
        SideBySide.run(
                open,
                connections,
                "select setseed(" + (seed % 1000) / 1000.0 + ")",
                chunks,
                done -> progress.accept("sessions: " + done + "/" + CHUNKS + " of the year"));
        try (Connection connection = open.get();
                Statement statement = connection.createStatement()) {
            statement.execute("drop table bench_users");
        }
    }

    /**
     * The sessions of one chunk of the year. User u's session k (of n) is on day k * days / n; 80% start between
     * 20:00 and 24:00 local time, 10% after midnight, 10% in the morning. A session runs its timer (10, 15 or 20
     * minutes) unless the user stopped it early, the battery ran out or a fault stopped it; one in two hundred was
     * closed as incomplete. The roll-ups follow from the settings: one or two modes, one or two intensities, heat,
     * the pressure per chamber, a gap in the telemetry now and then.
     */
    private String sessionsOfChunk(int chunk) {
        return """
                insert into sessions (session_id, device_id, device_session_id, user_id, time_zone, status, revision,
                    started_at, ended_at, end_reason, duration_seconds, seconds_by_mode, intensities, heats, pressure,
                    sample_count, gap_count, gap_seconds, firmware, clock_skew, accumulator, first_received_at,
                    last_received_at, updated_at)
                select md5('massager-session/' || device_id || '/' || dsid)::uuid, device_id, dsid, user_id, time_zone,
                    case when end_reason is null then 'INCOMPLETE' else 'ENDED' end,
                    case when mode2 is null then 3 else 4 end,
                    started_at, ended_at, end_reason, duration, seconds_by_mode, intensities, heats,
                    jsonb_build_object(
                        'foot', jsonb_build_object('mean', foot, 'max', foot_max),
                        'calf', jsonb_build_object('mean', calf, 'max', calf_max),
                        'thigh', jsonb_build_object('mean', thigh, 'max', thigh_max)),
                    samples, gaps, gap_seconds, firmware, false,
                    jsonb_build_object(
                        'seqs', jsonb_build_array(seq, seq + samples + 2),
                        'seconds', case when gaps = 0
                            then jsonb_build_array(epoch, epoch + duration - 1)
                            else jsonb_build_array(epoch, epoch + duration / 2 - 1,
                                epoch + duration / 2 + gap_seconds, epoch + duration - 1) end,
                        'start', jsonb_build_object('seq', seq, 'ts', started_at, 'mode', mode,
                            'intensity', intensities[1], 'heat', heats[1], 'timerMin', timer, 'fw', firmware),
                        'end', case when end_reason is null then null
                            else jsonb_build_object('seq', seq + samples + 2, 'ts', ended_at, 'reason', end_reason) end,
                        'firstTs', started_at, 'lastTs', ended_at, 'samples', samples,
                        'samplesByMode', seconds_by_mode, 'intensities', to_jsonb(intensities),
                        'heats', to_jsonb(heats),
                        'pressureSums', jsonb_build_array(round(foot * samples), round(calf * samples),
                            round(thigh * samples)),
                        'pressureMax', jsonb_build_array(foot_max, calf_max, thigh_max), 'clockSkew', false,
                        'firstReceivedAt', started_at + interval '2 seconds',
                        'lastReceivedAt', ended_at + interval '2 seconds'),
                    started_at + interval '2 seconds', ended_at + interval '2 seconds',
                    ended_at + interval '2 seconds'
                from (
                    select *, started_at + make_interval(secs => duration) as ended_at,
                        duration - gap_seconds as samples,
                        extract(epoch from started_at)::bigint as epoch,
                        case when mode2 is null then jsonb_build_object(mode, duration - gap_seconds)
                            else jsonb_build_object(mode, (duration - gap_seconds) * 2 / 3,
                                mode2, (duration - gap_seconds) - (duration - gap_seconds) * 2 / 3) end
                            as seconds_by_mode,
                        round((30 + 10 * intensities[cardinality(intensities)] + 8 * r9)::numeric, 1) as foot,
                        round((40 + 12 * intensities[cardinality(intensities)] + 8 * r10)::numeric, 1) as calf,
                        round((35 + 11 * intensities[cardinality(intensities)] + 8 * r11)::numeric, 1) as thigh,
                        (45 + 14 * intensities[cardinality(intensities)] + floor(10 * r9))::int as foot_max,
                        (55 + 16 * intensities[cardinality(intensities)] + floor(10 * r10))::int as calf_max,
                        (50 + 15 * intensities[cardinality(intensities)] + floor(10 * r11))::int as thigh_max
                    from (
                        select *,
                            case when end_reason = 'TIMER' or end_reason is null then timer * 60
                                else 60 + floor(r7 * (timer * 60 - 60))::int end as duration,
                            case when r8 < 0.05 then 1 + floor(r8 * 60)::int else 0 end as gaps,
                            case when r8 < 0.05 then 5 + floor(r8 * 400)::int else 0 end as gap_seconds
                        from (
                            select user_id, device_id, time_zone, k, 's-' || lpad(k::text, 6, '0') as dsid,
                                k * 3 + 1000 as seq,
                                ((date '%1$s' + (k::bigint * %2$d / sessions)::int)
                                    + case when r1 < 0.8 then interval '20 hours' + r2 * interval '4 hours'
                                        when r1 < 0.9 then interval '24 hours' + r2 * interval '2 hours'
                                        else interval '6 hours 30 minutes' + r2 * interval '3 hours 30 minutes' end)
                                    at time zone time_zone as started_at,
                                case when r3 < 0.3 then 10 when r3 < 0.8 then 15 else 20 end as timer,
                                case when r4 < 0.85 then 'TIMER' when r4 < 0.97 then 'USER'
                                    when r4 < 0.985 then 'BATTERY' when r4 < 0.995 then 'FAULT' end as end_reason,
                                case when r5 < 0.5 then 'WAVE' when r5 < 0.8 then 'SEQUENTIAL' else 'FULL' end as mode,
                                case when r6 >= 0.2 then null when r5 < 0.5 then 'FULL' else 'WAVE' end as mode2,
                                case when r6 < 0.1 and r12 < 0.6 then array[1 + floor(r12 * 3)::int,
                                        2 + floor(r12 * 3)::int]::smallint[]
                                    else array[1 + floor(r12 * 3)::int]::smallint[] end as intensities,
                                case when r10 < 0.5 then '{OFF}' when r10 < 0.8 then '{LOW}' when r10 < 0.9 then '{HIGH}'
                                    else '{OFF,LOW}' end::text[] as heats,
                                case when r11 < 0.7 then '2.3.1' when r11 < 0.95 then '2.2.0' else '2.4.0-beta' end
                                    as firmware,
                                r7, r8, r9, r10, r11
                            from (
                                select u.*, k, random() as r1, random() as r2, random() as r3, random() as r4,
                                    random() as r5, random() as r6, random() as r7, random() as r8, random() as r9,
                                    random() as r10, random() as r11, random() as r12
                                from bench_users u,
                                    generate_series(u.sessions::bigint * %3$d / %4$d,
                                        u.sessions::bigint * (%3$d + 1) / %4$d - 1) as k
                                offset 0) as drawn
                            offset 0) as settings
                        offset 0) as durations
                    offset 0) as rollups
                order by started_at
                """.formatted(firstDay, days, chunk, CHUNKS);
    }
}
