package dev.massager.session.sessions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Session rows written straight into the table, as the stream side would have built them. */
public final class SessionRows {

    /** The order of the history: newest start first, then the higher session id. */
    static final Comparator<Row> NEWEST_FIRST = Comparator.comparing(Row::startedAt)
            .thenComparing(Row::sessionId, SessionRows::compareAsPostgres)
            .reversed();

    private SessionRows() {}

    /** An ended ten-minute session of {@code userId} on a device of its own; returns its id. */
    public static UUID insert(JdbcClient jdbc, String userId, Instant startedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into sessions (session_id, device_id, device_session_id, user_id, time_zone, status,
                            revision, started_at, ended_at, end_reason, duration_seconds, seconds_by_mode,
                            intensities, heats, pressure, sample_count, gap_count, gap_seconds, firmware,
                            clock_skew, accumulator, first_received_at, last_received_at, updated_at)
                        values (?, ?, ?, ?, 'Europe/Berlin', 'ENDED', 1, ?, ?, 'TIMER', 600,
                            '{"WAVE":540,"FULL":60}'::jsonb, '{1,3}', '{LOW}',
                            '{"foot":{"mean":41.5,"max":60},"calf":{"mean":30.0,"max":45},"thigh":{"mean":0.0,"max":0}}'::jsonb,
                            600, 0, 0, '2.3.1', false, '{}'::jsonb, now(), now(), now())
                        """)
                .params(
                        id,
                        "m-" + id.toString().substring(0, 8),
                        "s-" + id,
                        userId,
                        Timestamp.from(startedAt),
                        Timestamp.from(startedAt.plus(Duration.ofMinutes(10))))
                .update();
        return id;
    }

    /** PostgreSQL orders uuids by their bytes, unsigned; {@link UUID#compareTo} compares signed longs. */
    static int compareAsPostgres(UUID a, UUID b) {
        return a.toString().compareTo(b.toString());
    }

    record Row(UUID sessionId, Instant startedAt) {}
}
