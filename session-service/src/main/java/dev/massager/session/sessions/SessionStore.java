package dev.massager.session.sessions;

import dev.massager.common.session.SessionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Sessions in PostgreSQL; every method runs in the caller's transaction. */
@Repository
class SessionStore {

    private static final String COLUMNS =
            "session_id, device_id, device_session_id, status, revision, user_id, time_zone, accumulator";

    private static final String UPSERT = """
            insert into sessions (session_id, device_id, device_session_id, user_id, time_zone, status, revision,
                started_at, ended_at, end_reason, duration_seconds, seconds_by_mode, intensities, heats, pressure,
                sample_count, gap_count, gap_seconds, firmware, clock_skew, accumulator, first_received_at,
                last_received_at, updated_at)
            values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::smallint[], ?::text[], ?::jsonb, ?, ?, ?, ?, ?,
                ?::jsonb, ?, ?, now())
            on conflict (session_id) do update set
                user_id = excluded.user_id, time_zone = excluded.time_zone, status = excluded.status,
                revision = excluded.revision, started_at = excluded.started_at, ended_at = excluded.ended_at,
                end_reason = excluded.end_reason, duration_seconds = excluded.duration_seconds,
                seconds_by_mode = excluded.seconds_by_mode, intensities = excluded.intensities,
                heats = excluded.heats, pressure = excluded.pressure, sample_count = excluded.sample_count,
                gap_count = excluded.gap_count, gap_seconds = excluded.gap_seconds, firmware = excluded.firmware,
                clock_skew = excluded.clock_skew, accumulator = excluded.accumulator,
                first_received_at = excluded.first_received_at, last_received_at = excluded.last_received_at,
                updated_at = now()
            """;

    /**
     * The owner of a session: the pairing in force at its start, else the one in force when the gateway first
     * received it (a device clock a little slow must not lose a session started right after pairing); and the
     * owner's zone in force at the start (or, for a start before the user's first zone, that first zone).
     */
    private static final String OWNERS = """
            select k.i, p.user_id, z.time_zone
            from unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) with ordinality as k(device_id, at, received, i)
            left join lateral (
                select user_id from device_pairings
                where device_id = k.device_id
                    and ((paired_at <= k.at and (unpaired_at is null or unpaired_at > k.at))
                        or (paired_at <= k.received and (unpaired_at is null or unpaired_at > k.received)))
                order by paired_at <= k.at and (unpaired_at is null or unpaired_at > k.at) desc, paired_at desc
                limit 1) p on true
            left join lateral (
                select time_zone from user_time_zones
                where user_id = p.user_id
                order by effective_from <= k.at desc,
                    case when effective_from <= k.at then effective_from end desc, effective_from
                limit 1) z on true
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    SessionStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /**
     * Locks the devices of {@code keys} for this transaction and reads their stored sessions. The device lock (a
     * transaction-scoped advisory lock, taken in a fixed order) serialises every writer of a device's sessions,
     * also the first insert of a new one, across threads and instances.
     */
    Map<SessionKey, Session> lockAndLoad(Collection<SessionKey> keys) {
        lockDevices(keys.stream().map(SessionKey::deviceId).distinct().toArray(String[]::new));
        String[] ids = keys.stream().map(key -> key.sessionId().toString()).toArray(String[]::new);
        Map<SessionKey, Session> sessions = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from sessions where session_id = any(?::uuid[]) for update")
                .param(ids)
                .query(this::session)
                .list()
                .forEach(session -> sessions.put(session.key(), session));
        return sessions;
    }

    /**
     * Locks every device ever paired to the user, as {@link #lockAndLoad} does, and reads the user's stored
     * sessions. A session is the user's only through a pairing, so no writer can add or change one meanwhile.
     */
    List<Session> lockAndLoadOwnedBy(String userId) {
        lockDevices(jdbc.sql("select distinct device_id from device_pairings where user_id = ?")
                .param(userId)
                .query(String.class)
                .list()
                .toArray(String[]::new));
        return jdbc.sql("select " + COLUMNS + " from sessions where user_id = ? order by session_id for update")
                .param(userId)
                .query(this::session)
                .list();
    }

    private void lockDevices(String[] devices) {
        jdbc.sql(
                        "select pg_advisory_xact_lock(h) from (select distinct hashtextextended(d, 0) h from unnest(?::text[]) d"
                                + " order by h) locks")
                .param(devices)
                .query((rs, row) -> null)
                .list();
    }

    /** Locks and reads open sessions that received nothing since {@code before}, skipping rows others hold. */
    List<Session> lockQuiet(Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from sessions where status = 'OPEN' and last_received_at <= ?"
                        + " order by last_received_at limit ? for update skip locked")
                .params(before.atOffset(ZoneOffset.UTC), limit)
                .query(this::session)
                .list();
    }

    /** The owner of each session (see {@link #OWNERS}), in the order given; {@code null}: nobody. */
    List<Owner> ownersOf(List<Session> sessions) {
        String[] devices =
                sessions.stream().map(session -> session.key().deviceId()).toArray(String[]::new);
        String[] instants = sessions.stream()
                .map(session -> session.attributedAt().toString())
                .toArray(String[]::new);
        String[] received = sessions.stream()
                .map(session -> session.firstReceivedAt().toString())
                .toArray(String[]::new);
        List<Owner> owners = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            owners.add(null);
        }
        jdbc.sql(OWNERS)
                .params(devices, instants, received)
                .query((rs, row) -> {
                    String userId = rs.getString("user_id");
                    if (userId != null) {
                        owners.set(rs.getInt("i") - 1, new Owner(userId, ZoneId.of(rs.getString("time_zone"))));
                    }
                    return null;
                })
                .list();
        return owners;
    }

    /** Inserts or updates the sessions with their roll-ups, in one batch. */
    void save(Collection<Session> sessions) {
        List<Object[]> rows = new ArrayList<>(sessions.size());
        for (Session session : sessions) {
            Rollup rollup = session.rollup();
            Owner owner = session.owner();
            rows.add(new Object[] {
                session.key().sessionId().toString(),
                session.key().deviceId(),
                session.key().deviceSessionId(),
                owner == null ? null : owner.userId(),
                owner == null ? null : owner.timeZone().getId(),
                session.status().name(),
                session.revision(),
                utc(rollup.startedAt()),
                utc(rollup.endedAt()),
                rollup.endReason() == null ? null : rollup.endReason().name(),
                rollup.durationSeconds(),
                json.writeValueAsString(rollup.secondsByMode()),
                rollup.intensities().stream().sorted().toArray(Integer[]::new),
                rollup.heats().stream().sorted().map(Enum::name).toArray(String[]::new),
                json.writeValueAsString(rollup.pressure()),
                rollup.sampleCount(),
                rollup.gapCount(),
                rollup.gapSeconds(),
                rollup.firmware(),
                rollup.clockSkew(),
                json.writeValueAsString(session.snapshot()),
                utc(session.firstReceivedAt()),
                utc(session.lastReceivedAt())
            });
        }
        template.batchUpdate(UPSERT, rows);
    }

    private Session session(ResultSet rs, int row) throws SQLException {
        SessionKey key = new SessionKey(rs.getString("device_id"), rs.getString("device_session_id"));
        String userId = rs.getString("user_id");
        Owner owner = userId == null ? null : new Owner(userId, ZoneId.of(rs.getString("time_zone")));
        return Session.restore(
                key,
                json.readValue(rs.getString("accumulator"), SessionAccumulator.Snapshot.class),
                SessionStatus.valueOf(rs.getString("status")),
                rs.getLong("revision"),
                owner);
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
