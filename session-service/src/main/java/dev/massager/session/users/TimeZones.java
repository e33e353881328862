package dev.massager.session.users;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Which time zone was a user's when: a night stays in the zone that was the user's then. */
@Service
public class TimeZones {

    /** A night D is from D 12:00 to D+1 12:00 local; its zone is the one in force at its start. */
    static final LocalTime NIGHT_STARTS = LocalTime.NOON;

    /**
     * The first key of the two-key advisory locks on a user's zone history (the second is the hash of the user id).
     * Two-key locks never meet the one-key locks of the device writers and the outbox relay.
     */
    private static final int HISTORY_LOCK = 7_201;

    private final JdbcClient jdbc;

    TimeZones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the user's time-zone history from a first choice until this transaction ends. A writer that stores a
     * zone taken from the history, or that gives the user something a zone will be derived for (a device), takes
     * it first: a first choice, which rewrites the past, then either sees what it wrote or comes after it.
     */
    public void holdSteady(String userId) {
        jdbc.sql("select pg_advisory_xact_lock_shared(?, hashtext(?))")
                .params(HISTORY_LOCK, userId)
                .query((row, n) -> null)
                .list();
    }

    /** The exclusive counterpart of {@link #holdSteady}, for the one who changes the history. */
    void lockForChange(String userId) {
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
                .params(HISTORY_LOCK, userId)
                .query((row, n) -> null)
                .list();
    }

    /** The user's whole time-zone history, oldest first; empty for an unknown user. */
    public List<ZoneChange> history(String userId) {
        return jdbc.sql(
                        "select time_zone, effective_from from user_time_zones where user_id = ? order by effective_from")
                .param(userId)
                .query((row, n) -> new ZoneChange(
                        ZoneId.of(row.getString("time_zone")),
                        row.getTimestamp("effective_from").toInstant()))
                .list();
    }

    /** The user's zone for night {@code night}: the zone in force at {@code night} 12:00 local. */
    public Optional<ZoneId> zoneForNight(String userId, LocalDate night) {
        return Optional.ofNullable(zoneForNight(history(userId), night));
    }

    /**
     * The zone in force at {@code instant}: the latest change at or before it, else the earliest (times before the
     * user existed count as the first zone). Null when there is no history.
     */
    static ZoneId zoneAt(List<ZoneChange> history, Instant instant) {
        ZoneId zone = history.isEmpty() ? null : history.get(0).zone();
        for (ZoneChange change : history) {
            if (change.effectiveFrom().isAfter(instant)) {
                break;
            }
            zone = change.zone();
        }
        return zone;
    }

    /**
     * The zone in force at noon of {@code night} in that zone. Each candidate is tried in its own local time, newest
     * first: the newest change effective by noon in its own zone decides.
     */
    static ZoneId zoneForNight(List<ZoneChange> history, LocalDate night) {
        for (int i = history.size() - 1; i >= 0; i--) {
            ZoneChange change = history.get(i);
            Instant noon = night.atTime(NIGHT_STARTS).atZone(change.zone()).toInstant();
            if (!change.effectiveFrom().isAfter(noon)) {
                return change.zone();
            }
        }
        return history.isEmpty() ? null : history.get(0).zone();
    }

    /**
     * One entry of a user's time-zone history.
     *
     * @param zone the IANA zone
     * @param effectiveFrom from when it applies
     */
    public record ZoneChange(ZoneId zone, Instant effectiveFrom) {}
}
