package dev.massager.session.users;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users of the companion app and their profile. */
@Service
public class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        return jdbc.sql("select user_id, time_zone, created_at from users where user_id = ?")
                .param(userId)
                .query((row, n) -> new Profile(
                        row.getString("user_id"),
                        ZoneId.of(row.getString("time_zone")),
                        row.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /**
     * Makes {@code zone} the user's time zone from now on; setting the current zone again changes nothing.
     *
     * @return the profile after the change
     */
    @Transactional
    Profile changeTimeZone(String userId, ZoneId zone) {
        String current = jdbc.sql("select time_zone from users where user_id = ? for update")
                .param(userId)
                .query(String.class)
                .single();
        if (!current.equals(zone.getId())) {
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
     * @param createdAt first use
     */
    public record Profile(String userId, ZoneId timeZone, Instant createdAt) {}
}
