package dev.massager.analytics.diary;

import dev.massager.analytics.aggregate.NightAggregation;
import dev.massager.analytics.aggregate.UserLocks;
import dev.massager.analytics.privacy.ErasedUsers;
import dev.massager.analytics.stream.Received;
import dev.massager.common.diary.CrampNight;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the latest diary entry per user and night, by {@code updatedAt}. A deletion is an entry like any other, kept
 * as a row with {@code deleted = true}: an older entry for the night arriving after it loses against it, as a
 * redelivery of the same entry does. Entries of an erased user sent before the erasure (by their Kafka timestamp,
 * not the device's {@code updatedAt}) are dropped.
 */
@Component
public class Diary {

    private final JdbcClient jdbc;
    private final UserLocks locks;
    private final ErasedUsers erased;
    private final NightAggregation nights;

    Diary(JdbcClient jdbc, UserLocks locks, ErasedUsers erased, NightAggregation nights) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.erased = erased;
        this.nights = nights;
    }

    @Transactional
    public void record(List<Received<CrampNight>> entries) {
        locks.lock(entries.stream().map(received -> received.value().userId()).toList());
        Map<String, Set<LocalDate>> changed = new HashMap<>();
        for (Received<CrampNight> received : entries) {
            CrampNight entry = received.value();
            if (erased.forgotten(entry.userId(), received.sentAt())) {
                continue;
            }
            if (upsert(entry)) {
                changed.computeIfAbsent(entry.userId(), user -> new HashSet<>()).add(entry.night());
            }
        }
        nights.recompute(changed);
    }

    /** Stores {@code entry} unless a newer one (or this one) is already stored; on a tie a deletion wins. */
    private boolean upsert(CrampNight entry) {
        return jdbc.sql("""
                        insert into cramp_nights
                            (user_id, night, cramps, severity, muscles, woke_up, time_zone, updated_at, deleted)
                        values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?)
                        on conflict (user_id, night) do update set
                            cramps = excluded.cramps, severity = excluded.severity, muscles = excluded.muscles,
                            woke_up = excluded.woke_up, time_zone = excluded.time_zone,
                            updated_at = excluded.updated_at, deleted = excluded.deleted
                        where cramp_nights.updated_at < excluded.updated_at
                            or (cramp_nights.updated_at = excluded.updated_at
                                and excluded.deleted and not cramp_nights.deleted)
                        """)
                        .params(
                                entry.userId(),
                                entry.night(),
                                entry.cramps(),
                                entry.severity(),
                                entry.muscles().stream()
                                        .map(Enum::name)
                                        .sorted()
                                        .toArray(String[]::new),
                                entry.wokeUp(),
                                entry.timeZone().getId(),
                                Timestamp.from(entry.updatedAt()),
                                entry.deleted())
                        .update()
                > 0;
    }
}
