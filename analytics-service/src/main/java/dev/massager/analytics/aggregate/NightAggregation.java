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
 */
@Component
public class NightAggregation {

    /** Fills the nights named by the {@code keys} subquery, with columns {@code user_id} and {@code night}. */
    private static final String INSERT = """
            insert into nights (user_id, night, diary, cramps, exposed, session_count, session_seconds,
                sequential_seconds, wave_seconds, full_seconds, max_intensity, heat_used, time_zone, updated_at)
            select k.user_id, k.night,
                case when d.cramps is null then null when d.cramps > 0 then 'CRAMPS' else 'NONE' end,
                d.cramps,
                coalesce(e.session_count, 0) > 0,
                coalesce(e.session_count, 0),
                coalesce(e.session_seconds, 0),
                coalesce(e.sequential_seconds, 0),
                coalesce(e.wave_seconds, 0),
                coalesce(e.full_seconds, 0),
                e.max_intensity,
                coalesce(e.heat_used, false),
                coalesce(d.time_zone, e.time_zone),
                now()
            from (%s) as k
            left join cramp_nights d
                on d.user_id = k.user_id and d.night = k.night and not d.deleted
            left join (
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
                where s.user_id = any(?::text[]) and s.exposure_night is not null
                group by s.user_id, s.exposure_night) as e
                on e.user_id = k.user_id and e.night = k.night
            where d.user_id is not null or e.user_id is not null
            """;

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
        jdbc.sql("""
                        delete from nights n using unnest(?::text[], ?::text[]::date[]) as k(user_id, night)
                        where n.user_id = k.user_id and n.night = k.night
                        """).params(userArray, nightArray).update();
        jdbc.sql(INSERT.formatted("select * from unnest(?::text[], ?::text[]::date[]) as keys(user_id, night)"))
                .params(userArray, nightArray, nightsByUser.keySet().toArray(String[]::new))
                .update();
    }

    /** Recomputes every night of {@code userIds} from the raw rows, as if the table had never held them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void rebuild(Collection<String> userIds) {
        String[] users = userIds.toArray(String[]::new);
        jdbc.sql("delete from nights where user_id = any(?::text[])")
                .param(users)
                .update();
        jdbc.sql(INSERT.formatted("""
                        select user_id, night from cramp_nights where user_id = any(?::text[]) and not deleted
                        union
                        select user_id, exposure_night from sessions
                        where user_id = any(?::text[]) and exposure_night is not null
                        """)).params(users, users, users).update();
    }
}
