package dev.massager.analytics.aggregate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * When a user's devices were last heard from: the latest session or status received from any device that ran one of
 * the user's sessions. A night that ended before that is complete: any session run in it would be known by now.
 */
@Component
public class DeviceReports {

    private static final String LAST_REPORTS = """
            select s.user_id, greatest(max(s.received_at), max(d.received_at)) as last_report
            from sessions s left join device_statuses d on d.device_id = s.device_id
            """;

    private final JdbcClient jdbc;

    DeviceReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last report of {@code userId}'s devices; empty when the user never had a session. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastReport(String userId) {
        return jdbc.sql(LAST_REPORTS + " where s.user_id = ? group by s.user_id")
                .param(userId)
                .query((row, number) -> row.getTimestamp("last_report").toInstant())
                .optional();
    }

    /** The last report of every user who had a session. */
    @Transactional(readOnly = true)
    public Map<String, Instant> lastReports() {
        Map<String, Instant> reports = new HashMap<>();
        jdbc.sql(LAST_REPORTS + " group by s.user_id").query(row -> {
            Timestamp last = row.getTimestamp("last_report");
            reports.put(row.getString("user_id"), last.toInstant());
        });
        return reports;
    }
}
