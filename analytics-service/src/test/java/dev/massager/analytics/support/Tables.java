package dev.massager.analytics.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the service's tables the way tests look at them. */
public final class Tables {

    private final JdbcClient jdbc;

    public Tables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored revision of a session, or 0 when it is not stored. */
    public long revision(UUID sessionId) {
        return jdbc.sql("select revision from sessions where session_id = ?")
                .param(sessionId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The user's nights table rows as column maps, in date order. */
    public List<Map<String, Object>> nights(String userId) {
        return jdbc.sql("select * from nights where user_id = ? order by night")
                .param(userId)
                .query()
                .listOfRows();
    }

    /** The user's diary row for {@code night}, or null. */
    public Map<String, Object> diary(String userId, LocalDate night) {
        return jdbc
                .sql("select cramps, deleted, updated_at from cramp_nights where user_id = ? and night = ?")
                .params(userId, night)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
    }
}
