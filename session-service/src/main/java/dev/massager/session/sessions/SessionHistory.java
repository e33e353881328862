package dev.massager.session.sessions;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.session.PressureStats;
import dev.massager.common.session.SessionStatus;
import dev.massager.common.session.SessionSummary;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's sessions as the companion app reads them: newest first, in pages that follow the index
 * {@code sessions_by_user (user_id, started_at desc, session_id desc)}. Paging by position rather than offset
 * shows every session exactly once across pages while sessions are added, as long as a session's start does not
 * move. A late start event or an earlier sample moves a session's start earlier: a walk in progress may then show
 * that session twice, or miss it when it moves before {@code from}.
 */
@Service
public class SessionHistory {

    private static final String COLUMNS = """
            session_id, revision, user_id, device_id, device_session_id, status, started_at, ended_at, end_reason,
            duration_seconds, seconds_by_mode, intensities, heats, pressure, sample_count, gap_count, gap_seconds,
            firmware, clock_skew, time_zone
            """;

    private static final TypeReference<Map<Mode, Long>> SECONDS_BY_MODE = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SessionHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One page of the user's sessions that started in [{@code from}, {@code to}) (either may be null), after
     * {@code after} (null for the first page).
     *
     * @return up to {@code limit} sessions, and the position of the last one when there are more
     */
    Page page(String userId, Instant from, Instant to, SessionCursor.Position after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from sessions where user_id = ?");
        List<Object> params = new ArrayList<>(List.of(userId));
        if (from != null) {
            sql.append(" and started_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and started_at < ?");
            params.add(Timestamp.from(to));
        }
        if (after != null) {
            sql.append(" and (started_at, session_id) < (?, ?)");
            params.add(Timestamp.from(after.startedAt()));
            params.add(after.sessionId());
        }
        sql.append(" order by started_at desc, session_id desc limit ?");
        params.add(limit + 1);
        List<SessionSummary> rows =
                jdbc.sql(sql.toString()).params(params).query(this::summary).list();
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<SessionSummary> items = rows.subList(0, limit);
        SessionSummary last = items.get(limit - 1);
        return new Page(List.copyOf(items), new SessionCursor.Position(last.startedAt(), last.sessionId()));
    }

    /** One of the user's sessions; empty when it does not exist or is someone else's. */
    Optional<SessionSummary> session(String userId, UUID sessionId) {
        return jdbc.sql("select " + COLUMNS + " from sessions where user_id = ? and session_id = ?")
                .params(userId, sessionId)
                .query(this::summary)
                .optional();
    }

    /** Every session of the user, newest first: for the export. */
    public List<SessionSummary> all(String userId) {
        return jdbc.sql("select " + COLUMNS
                        + " from sessions where user_id = ? order by started_at desc, session_id desc")
                .param(userId)
                .query(this::summary)
                .list();
    }

    private SessionSummary summary(ResultSet row, int n) throws SQLException {
        String userId = row.getString("user_id");
        Instant startedAt = row.getTimestamp("started_at").toInstant();
        String zone = row.getString("time_zone");
        if (zone == null) {
            // The owner and their zone at the start are stored together (SessionStore), so this is a bug.
            throw new IllegalStateException("session " + row.getObject("session_id") + " has a user but no time zone");
        }
        Timestamp endedAt = row.getTimestamp("ended_at");
        String endReason = row.getString("end_reason");
        return new SessionSummary(
                row.getObject("session_id", UUID.class),
                row.getLong("revision"),
                userId,
                row.getString("device_id"),
                row.getString("device_session_id"),
                SessionStatus.valueOf(row.getString("status")),
                startedAt,
                endedAt == null ? null : endedAt.toInstant(),
                endReason == null ? null : EndReason.valueOf(endReason),
                row.getLong("duration_seconds"),
                json.readValue(row.getString("seconds_by_mode"), SECONDS_BY_MODE),
                intensities(row.getArray("intensities")),
                heats(row.getArray("heats")),
                json.readValue(row.getString("pressure"), PressureStats.class),
                row.getLong("sample_count"),
                row.getInt("gap_count"),
                row.getLong("gap_seconds"),
                row.getString("firmware"),
                row.getBoolean("clock_skew"),
                ZoneId.of(zone));
    }

    private static Set<Integer> intensities(Array array) throws SQLException {
        Set<Integer> levels = new TreeSet<>();
        for (Object level : (Object[]) array.getArray()) {
            levels.add(((Number) level).intValue());
        }
        return levels;
    }

    private static Set<Heat> heats(Array array) throws SQLException {
        Set<Heat> heats = EnumSet.noneOf(Heat.class);
        for (Object heat : (Object[]) array.getArray()) {
            heats.add(Heat.valueOf((String) heat));
        }
        return heats;
    }

    /**
     * A page of sessions.
     *
     * @param items newest first
     * @param next where the next page starts, or null on the last page
     */
    record Page(List<SessionSummary> items, SessionCursor.Position next) {}
}
