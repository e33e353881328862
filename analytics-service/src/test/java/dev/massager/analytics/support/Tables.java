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

    /** Rows naming {@code userId} in every table with a {@code user_id} column, found in the catalogue. */
    public long rowsNaming(String userId) {
        List<String> tablesWithUsers = jdbc.sql("""
                        select table_name from information_schema.columns
                        where table_schema = 'public' and column_name = 'user_id'
                        """).query(String.class).list();
        if (!tablesWithUsers.containsAll(List.of("sessions", "cramp_nights", "nights", "user_devices"))) {
            throw new IllegalStateException("tables naming users not found, only " + tablesWithUsers);
        }
        return tablesWithUsers.stream()
                .mapToLong(table -> jdbc.sql("select count(*) from " + table + " where user_id = ?")
                        .param(userId)
                        .query(Long.class)
                        .single())
                .sum();
    }

    /** The user's stored sessions. */
    public long sessions(String userId) {
        return jdbc.sql("select count(*) from sessions where user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /** The devices stored as having run the user's sessions, in order. */
    public List<String> devices(String userId) {
        return jdbc.sql("select device_id from user_devices where user_id = ? order by device_id")
                .param(userId)
                .query(String.class)
                .list();
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
