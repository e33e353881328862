package dev.massager.analytics.sessions;

import dev.massager.analytics.aggregate.NightAggregation;
import dev.massager.analytics.aggregate.UserLocks;
import dev.massager.analytics.nights.NightCalendar;
import dev.massager.analytics.privacy.ErasedUsers;
import dev.massager.analytics.stream.Received;
import dev.massager.common.session.SessionSummary;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the highest revision of each session, and the night it is exposure for. A lower or equal revision arriving
 * later (a redelivery, a replay) changes nothing. When a session changes, the nights it left and the nights it joined
 * are recomputed in the same transaction; sessions of an erased user sent before the erasure (by their Kafka
 * timestamp, not the device's {@code startedAt}) are dropped.
 */
@Component
public class Sessions {

    /** Transactions run for one batch: the first, and one more should owners change before they were locked. */
    private static final int LOCK_ATTEMPTS = 2;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UserLocks locks;
    private final ErasedUsers erased;
    private final NightCalendar calendar;
    private final NightAggregation nights;

    Sessions(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            UserLocks locks,
            ErasedUsers erased,
            NightCalendar calendar,
            NightAggregation nights) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.locks = locks;
        this.erased = erased;
        this.calendar = calendar;
        this.nights = nights;
    }

    /**
     * Stores {@code received} in one transaction of its own, holding the locks of every user it touches: the users
     * of the summaries and the stored owners of their sessions (a new revision may name another owner, and the
     * previous owner's nights change too). All of them are locked in one sorted call, as every other writer does, so
     * that no two writers can deadlock. The owners are read before locking and again after; should they have changed
     * in between to a user not locked, the transaction is rolled back and run once more with that user locked too.
     */
    public void record(List<Received<SessionSummary>> received) {
        List<SessionSummary> summaries = received.stream().map(Received::value).toList();
        Set<UUID> ids = summaries.stream().map(SessionSummary::sessionId).collect(Collectors.toSet());
        Set<String> users =
                summaries.stream().map(SessionSummary::userId).collect(Collectors.toCollection(HashSet::new));
        for (int attempt = 1; ; attempt++) {
            Set<String> unlocked = transactions.execute(status -> {
                users.addAll(owners(stored(ids)));
                locks.lock(users);
                Map<UUID, Placement> stored = stored(ids);
                Set<String> owners = owners(stored);
                owners.removeAll(users);
                if (!owners.isEmpty()) {
                    // Taking these locks now would be outside the sorted order.
                    status.setRollbackOnly();
                    return owners;
                }
                store(received, stored);
                return Set.of();
            });
            if (unlocked == null || unlocked.isEmpty()) {
                return;
            }
            if (attempt == LOCK_ATTEMPTS) {
                throw new IllegalStateException(
                        "the owners of sessions " + ids + " kept changing while they were locked");
            }
            users.addAll(unlocked);
        }
    }

    private void store(List<Received<SessionSummary>> received, Map<UUID, Placement> stored) {
        Map<String, Set<LocalDate>> changed = new HashMap<>();
        Set<List<String>> devices = new HashSet<>();
        Set<String> formerOwners = new HashSet<>();
        for (Received<SessionSummary> record : received) {
            SessionSummary summary = record.value();
            if (erased.forgotten(summary.userId(), record.sentAt())) {
                continue;
            }
            LocalDate night = exposureNight(summary.startedAt(), summary.timeZone());
            if (upsert(summary, night)) {
                Placement before = stored.put(summary.sessionId(), new Placement(summary.userId(), night));
                if (before != null) {
                    before.addTo(changed);
                    if (!before.userId().equals(summary.userId())) {
                        formerOwners.add(before.userId());
                    }
                }
                new Placement(summary.userId(), night).addTo(changed);
                devices.add(List.of(summary.userId(), summary.deviceId()));
            }
        }
        rememberDevices(devices, formerOwners);
        nights.recompute(changed);
    }

    /**
     * Keeps {@code user_devices} in step with the sessions: adds the (user, device) pairs of sessions just stored, and
     * drops the pairs of {@code formerOwners} (users a session was taken from) that no session backs any more.
     */
    private void rememberDevices(Set<List<String>> pairs, Set<String> formerOwners) {
        if (!pairs.isEmpty()) {
            jdbc.sql("""
                            insert into user_devices (user_id, device_id)
                            select * from unnest(?::text[], ?::text[]) order by 1, 2
                            on conflict do nothing
                            """)
                    .params(
                            pairs.stream().map(pair -> pair.get(0)).toArray(String[]::new),
                            pairs.stream().map(pair -> pair.get(1)).toArray(String[]::new))
                    .update();
        }
        if (!formerOwners.isEmpty()) {
            jdbc.sql("""
                            delete from user_devices d where d.user_id = any(?) and not exists (
                                select 1 from sessions s where s.user_id = d.user_id and s.device_id = d.device_id)
                            """).param(formerOwners.toArray(String[]::new)).update();
        }
    }

    private static Set<String> owners(Map<UUID, Placement> stored) {
        return stored.values().stream().map(Placement::userId).collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * Assigns the sessions of {@code userIds} to nights again with the current calendar, for the rebuild after the
     * cut-off changed. The caller holds the users' locks and recomputes their nights afterwards. The nights are
     * computed here, with the same {@link NightCalendar} as for arriving sessions, and the sessions that moved are
     * written back in one statement.
     *
     * @return how many sessions moved
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int reassignNights(Collection<String> userIds) {
        Map<String, ZoneId> zones = new HashMap<>();
        List<Move> moves = new ArrayList<>();
        // Only the sessions that move are kept: a batch has some 100,000 sessions, and nearly all stay.
        jdbc.sql("select session_id, started_at, time_zone, exposure_night from sessions where user_id = any(?)")
                .param(userIds.toArray(String[]::new))
                .query(row -> {
                    LocalDate from = row.getObject("exposure_night", LocalDate.class);
                    LocalDate to = exposureNight(
                            row.getTimestamp("started_at").toInstant(),
                            zones.computeIfAbsent(row.getString("time_zone"), ZoneId::of));
                    if (!Objects.equals(from, to)) {
                        moves.add(new Move(row.getObject("session_id", UUID.class), from, to));
                    }
                });
        if (!moves.isEmpty()) {
            jdbc.sql("""
                            update sessions s set exposure_night = m.night
                            from unnest(?::uuid[], ?::text[]::date[]) as m(session_id, night)
                            where s.session_id = m.session_id
                            """)
                    .params(
                            moves.stream().map(Move::sessionId).toArray(UUID[]::new),
                            moves.stream()
                                    .map(move ->
                                            move.to() == null ? null : move.to().toString())
                                    .toArray(String[]::new))
                    .update();
        }
        return moves.size();
    }

    private LocalDate exposureNight(Instant startedAt, ZoneId zone) {
        return calendar.exposureNight(startedAt, zone).orElse(null);
    }

    private Map<UUID, Placement> stored(Set<UUID> ids) {
        Map<UUID, Placement> stored = new HashMap<>();
        jdbc.sql("select session_id, user_id, exposure_night from sessions where session_id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(row -> {
                    stored.put(
                            row.getObject("session_id", UUID.class),
                            new Placement(row.getString("user_id"), row.getObject("exposure_night", LocalDate.class)));
                });
        return stored;
    }

    private boolean upsert(SessionSummary summary, LocalDate night) {
        return jdbc.sql("""
                        insert into sessions (session_id, revision, user_id, device_id, status, started_at, ended_at,
                            duration_seconds, seconds_by_mode, intensities, heats, end_reason, firmware, time_zone,
                            exposure_night, received_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::smallint[], ?::text[], ?, ?, ?, ?, now(), now())
                        on conflict (session_id) do update set
                            revision = excluded.revision, user_id = excluded.user_id, device_id = excluded.device_id,
                            status = excluded.status, started_at = excluded.started_at, ended_at = excluded.ended_at,
                            duration_seconds = excluded.duration_seconds, seconds_by_mode = excluded.seconds_by_mode,
                            intensities = excluded.intensities, heats = excluded.heats,
                            end_reason = excluded.end_reason, firmware = excluded.firmware,
                            time_zone = excluded.time_zone, exposure_night = excluded.exposure_night,
                            updated_at = excluded.updated_at
                        where sessions.revision < excluded.revision
                        """)
                        .params(
                                summary.sessionId(),
                                summary.revision(),
                                summary.userId(),
                                summary.deviceId(),
                                summary.status().name(),
                                Timestamp.from(summary.startedAt()),
                                summary.endedAt() == null ? null : Timestamp.from(summary.endedAt()),
                                summary.durationSeconds(),
                                secondsByMode(summary),
                                summary.intensities().toArray(Integer[]::new),
                                summary.heats().stream().map(Enum::name).toArray(String[]::new),
                                summary.endReason() == null
                                        ? null
                                        : summary.endReason().name(),
                                summary.firmware(),
                                summary.timeZone().getId(),
                                night)
                        .update()
                > 0;
    }

    /** The seconds per mode as a JSON object; the keys are enum names, which need no escaping. */
    static String secondsByMode(SessionSummary summary) {
        return summary.secondsByMode().entrySet().stream()
                .map(entry -> "\"" + entry.getKey().name() + "\":" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Where a session counts: its owner and exposure night, if any. */
    private record Placement(String userId, LocalDate night) {

        void addTo(Map<String, Set<LocalDate>> changed) {
            if (night != null) {
                changed.computeIfAbsent(userId, user -> new HashSet<>()).add(night);
            }
        }
    }

    private record Move(UUID sessionId, LocalDate from, LocalDate to) {}
}
