package dev.massager.analytics.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derives rows of the {@code nights} table from the raw {@code sessions} and {@code cramp_nights} rows. The same
 * statement serves the incremental path (some nights of some users, after a change) and the rebuild (every night of
 * some users), so the two cannot disagree. Callers hold the users' {@link UserLocks}.
 *
 * <p>The statement reads the diary entries and the exposure sessions in scope once each, joins them night by night
 * (a night has a row when it has either), writes only the rows that are new or whose content changed, and deletes the
 * rows in scope that no longer have either. Rewriting (or even locking) unchanged rows would cost as much as the rest
 * together in a rebuild, where most nights come out as they were; so {@code updated_at} says when a row's content last
 * changed.
 */
@Component
public class NightAggregation {

    /**
     * Brings the nights in scope up to date; formatted with the scope's condition on {@code cramp_nights}, on
     * {@code sessions s} and on {@code nights n}, each with the same parameters. The rows in scope are compared with
     * what they should be: those that differ are written (inserted, or updated in place), those that should not be
     * there any more are deleted, the rest is not touched.
     */
    private static final String UPDATE = """
            with computed as (
                select coalesce(d.user_id, e.user_id) as user_id, coalesce(d.night, e.night) as night,
                    case when d.cramps is null then null when d.cramps > 0 then 'CRAMPS' else 'NONE' end as diary,
                    d.cramps,
                    e.session_count is not null as exposed,
                    coalesce(e.session_count, 0) as session_count,
                    coalesce(e.session_seconds, 0) as session_seconds,
                    coalesce(e.sequential_seconds, 0) as sequential_seconds,
                    coalesce(e.wave_seconds, 0) as wave_seconds,
                    coalesce(e.full_seconds, 0) as full_seconds,
                    e.max_intensity,
                    coalesce(e.heat_used, false) as heat_used,
                    coalesce(d.time_zone, e.time_zone) as time_zone
                from (
                    select user_id, night, cramps, time_zone from cramp_nights where not deleted and %1$s) as d
                full join (
                    select s.user_id, s.exposure_night as night,
                        count(*) as session_count,
                        sum(s.duration_seconds) as session_seconds,
                        sum(coalesce((s.seconds_by_mode ->> 'SEQUENTIAL')::bigint, 0)) as sequential_seconds,
                        sum(coalesce((s.seconds_by_mode ->> 'WAVE')::bigint, 0)) as wave_seconds,
                        sum(coalesce((s.seconds_by_mode ->> 'FULL')::bigint, 0)) as full_seconds,
                        max((select max(i) from unnest(s.intensities) as i)) as max_intensity,
                        bool_or(s.heats && array['LOW', 'HIGH']::text[]) as heat_used,
                        (array_agg(s.time_zone order by s.started_at, s.session_id))[1] as time_zone
                    from sessions s
                    where s.exposure_night is not null and %2$s
                    group by s.user_id, s.exposure_night) as e
                    on e.user_id = d.user_id and e.night = d.night),
            changed as (
                select c.*, n.user_id as old_user_id, n.night as old_night
                from computed c
                full join (select * from nights n where %3$s) as n on n.user_id = c.user_id and n.night = c.night
                where c.user_id is null or n.user_id is null
                    or (n.diary, n.cramps, n.exposed, n.session_count, n.session_seconds, n.sequential_seconds,
                        n.wave_seconds, n.full_seconds, n.max_intensity, n.heat_used, n.time_zone)
                    is distinct from (c.diary, c.cramps, c.exposed, c.session_count, c.session_seconds,
                        c.sequential_seconds, c.wave_seconds, c.full_seconds, c.max_intensity, c.heat_used,
                        c.time_zone)),
            written as (
                insert into nights (user_id, night, diary, cramps, exposed, session_count, session_seconds,
                    sequential_seconds, wave_seconds, full_seconds, max_intensity, heat_used, time_zone, updated_at)
                select user_id, night, diary, cramps, exposed, session_count, session_seconds, sequential_seconds,
                    wave_seconds, full_seconds, max_intensity, heat_used, time_zone, now()
                from changed
                where user_id is not null
                on conflict (user_id, night) do update set
                    diary = excluded.diary, cramps = excluded.cramps, exposed = excluded.exposed,
                    session_count = excluded.session_count, session_seconds = excluded.session_seconds,
                    sequential_seconds = excluded.sequential_seconds, wave_seconds = excluded.wave_seconds,
                    full_seconds = excluded.full_seconds, max_intensity = excluded.max_intensity,
                    heat_used = excluded.heat_used, time_zone = excluded.time_zone, updated_at = excluded.updated_at)
            delete from nights n using changed c
            where c.user_id is null and n.user_id = c.old_user_id and n.night = c.old_night
            """;

    /** The scope of {@link #recompute}: the given (user, night) pairs, as two arrays. */
    private static final String NIGHTS_IN = "(%s, %s) in (select * from unnest(?::text[], ?::text[]::date[]))";

    /** The scope of {@link #rebuild}: every night of the given users, as one array. */
    private static final String USERS_IN = "%s = any(?::text[])";

    private final JdbcClient jdbc;

    NightAggregation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Recomputes the given nights of each user from the raw rows: a night left with neither a diary entry nor an
     * exposure session loses its row.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recompute(Map<String, ? extends Collection<LocalDate>> nightsByUser) {
        List<String> users = new ArrayList<>();
        List<String> nights = new ArrayList<>();
        nightsByUser.forEach((user, dates) -> Set.copyOf(dates).forEach(night -> {
            users.add(user);
            nights.add(night.toString());
        }));
        if (users.isEmpty()) {
            return;
        }
        String[] userArray = users.toArray(String[]::new);
        String[] nightArray = nights.toArray(String[]::new);
        jdbc.sql(UPDATE.formatted(
                        NIGHTS_IN.formatted("user_id", "night"),
                        NIGHTS_IN.formatted("s.user_id", "s.exposure_night"),
                        NIGHTS_IN.formatted("n.user_id", "n.night")))
                .params(userArray, nightArray, userArray, nightArray, userArray, nightArray)
                .update();
    }

    /** Recomputes every night of {@code userIds} from the raw rows, as if the table had never held them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void rebuild(Collection<String> userIds) {
        String[] users = userIds.toArray(String[]::new);
        jdbc.sql(UPDATE.formatted(
                        USERS_IN.formatted("user_id"),
                        USERS_IN.formatted("s.user_id"),
                        USERS_IN.formatted("n.user_id")))
                .params(users, users, users)
                .update();
    }
}
