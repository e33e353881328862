package dev.massager.analytics.aggregate;

import dev.massager.common.device.Mode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the {@code nights} table, for a user's insight and for cohort aggregates. */
@Component
public class UserNights {

    private static final String COLUMNS = """
            select user_id, night, diary, cramps, exposed, session_count, session_seconds, sequential_seconds,
                wave_seconds, full_seconds, max_intensity, heat_used, time_zone
            from nights
            """;

    /** Rows a streamed read fetches at a time. */
    private static final int FETCH_SIZE = 5_000;

    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    UserNights(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(FETCH_SIZE);
        this.streaming = JdbcClient.create(fetching);
    }

    /** The nights of {@code userId} from {@code from} to {@code to}, both included, in date order. */
    @Transactional(readOnly = true)
    public List<UserNight> of(String userId, LocalDate from, LocalDate to) {
        return jdbc.sql(COLUMNS + " where user_id = ? and night between ? and ? order by night")
                .params(userId, from, to)
                .query(UserNights::night)
                .list();
    }

    /**
     * Hands {@code each} the nights of every user from {@code from} to {@code to}, both included, in no particular
     * order, as they are read: a cohort's nights would not fit in memory at once. Cohort aggregates read this; erased
     * users are gone from it. Within a transaction (as the cohort runs) rows come {@value #FETCH_SIZE} at a time.
     */
    @Transactional(readOnly = true)
    public void cohort(LocalDate from, LocalDate to, Consumer<UserNight> each) {
        streaming.sql(COLUMNS + " where night between ? and ?").params(from, to).query(row -> {
            each.accept(night(row, row.getRow()));
        });
    }

    /** Every night of every user, ordered by user and date: what the rebuild and its tests compare. */
    @Transactional(readOnly = true)
    public List<UserNight> all() {
        return jdbc.sql(COLUMNS + " order by user_id, night")
                .query(UserNights::night)
                .list();
    }

    static UserNight night(ResultSet row, int rowNumber) throws SQLException {
        Map<Mode, Long> secondsByMode = new EnumMap<>(Mode.class);
        putPositive(secondsByMode, Mode.SEQUENTIAL, row.getLong("sequential_seconds"));
        putPositive(secondsByMode, Mode.WAVE, row.getLong("wave_seconds"));
        putPositive(secondsByMode, Mode.FULL, row.getLong("full_seconds"));
        String diary = row.getString("diary");
        return new UserNight(
                row.getString("user_id"),
                row.getObject("night", LocalDate.class),
                diary == null ? null : DiaryState.valueOf(diary),
                row.getObject("cramps", Integer.class),
                row.getBoolean("exposed"),
                row.getInt("session_count"),
                row.getLong("session_seconds"),
                Map.copyOf(secondsByMode),
                row.getObject("max_intensity", Integer.class),
                row.getBoolean("heat_used"),
                ZoneId.of(row.getString("time_zone")));
    }

    private static void putPositive(Map<Mode, Long> map, Mode mode, long seconds) {
        if (seconds > 0) {
            map.put(mode, seconds);
        }
    }
}
