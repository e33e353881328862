package dev.massager.session.users;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users of the companion app and their profile. */
@Service
public class Users {

    private final JdbcClient jdbc;
    private final TimeZones timeZones;
    private final ApplicationEventPublisher events;

    Users(JdbcClient jdbc, TimeZones timeZones, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.timeZones = timeZones;
        this.events = events;
    }

    /**
     * Creates the user with its first time zone unless it exists. One statement, so concurrent first requests of
     * the same user create exactly one row each.
     */
    void ensureExists(String userId) {
        jdbc.sql("""
                        with created as (
                            insert into users (user_id) values (?)
                            on conflict (user_id) do nothing
                            returning user_id, time_zone, created_at)
                        insert into user_time_zones (user_id, time_zone, effective_from)
                        select user_id, time_zone, created_at from created
                        """).param(userId).update();
    }

    /** The user's profile, if the user exists. */
    public Optional<Profile> profile(String userId) {
        return jdbc.sql("select user_id, time_zone, time_zone_chosen, created_at from users where user_id = ?")
                .param(userId)
                .query((row, n) -> new Profile(
                        row.getString("user_id"),
                        ZoneId.of(row.getString("time_zone")),
                        row.getBoolean("time_zone_chosen"),
                        row.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /**
     * Makes {@code zone} the user's time zone. The first choice replaces the placeholder the user was created with,
     * for all earlier times too, and tells the listeners of {@link FirstTimeZoneChosen} when that changes the zone;
     * a later one applies from now on, earlier nights keep theirs. Choosing the current zone again changes nothing
     * (the first time it still counts as the choice).
     *
     * @return the profile after the change
     */
    @Transactional
    Profile changeTimeZone(String userId, ZoneId zone) {
        timeZones.lockForChange(userId);
        // Not "for update": that would also block the key-share locks with which other writers insert rows that
        // refer to the user (sessions, while their device lock is held), and the first choice waits for those.
        record Current(String zone, boolean chosen) {}
        Current current = jdbc.sql("select time_zone, time_zone_chosen from users where user_id = ? for no key update")
                .param(userId)
                .query((row, n) -> new Current(row.getString("time_zone"), row.getBoolean("time_zone_chosen")))
                .single();
        boolean changes = !current.zone().equals(zone.getId());
        if (!current.chosen()) {
            jdbc.sql("update users set time_zone = ?, time_zone_chosen = true where user_id = ?")
                    .params(zone.getId(), userId)
                    .update();
            if (changes) {
                // While the zone was not chosen, the history is the placeholder alone.
                jdbc.sql("""
                                update user_time_zones set time_zone = ?
                                where user_id = ? and effective_from =
                                    (select min(effective_from) from user_time_zones where user_id = ?)
                                """).params(zone.getId(), userId, userId).update();
                events.publishEvent(new FirstTimeZoneChosen(userId, zone));
            }
        } else if (changes) {
            jdbc.sql("update users set time_zone = ? where user_id = ?")
                    .params(zone.getId(), userId)
                    .update();
            // now() is the transaction's start, strictly after the row locked above was created.
            jdbc.sql("""
                            insert into user_time_zones (user_id, time_zone, effective_from) values (?, ?, now())
                            on conflict (user_id, effective_from) do update set time_zone = excluded.time_zone
                            """).params(userId, zone.getId()).update();
        }
        return profile(userId).orElseThrow();
    }

    /**
     * A user's profile.
     *
     * @param userId the token subject
     * @param timeZone the current IANA time zone
     * @param timeZoneChosen whether the user chose it; until then it is the placeholder {@code UTC}, and the first
     *     choice applies to all earlier times too
     * @param createdAt first use
     */
    public record Profile(String userId, ZoneId timeZone, boolean timeZoneChosen, Instant createdAt) {}
}
