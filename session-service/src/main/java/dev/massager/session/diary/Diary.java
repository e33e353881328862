package dev.massager.session.diary;

import dev.massager.api.problem.NotFound;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.diary.Muscle;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.session.outbox.Outbox;
import dev.massager.session.users.FirstTimeZoneChosen;
import dev.massager.session.users.TimeZones;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The diary entries of a user. Every real change is published as a {@link CrampNight} in the same transaction;
 * writing the same content again is no change at all.
 */
@Service
public class Diary {

    private static final String COLUMNS = "night, cramps, severity, muscles, woke_up, note, time_zone, updated_at";

    private final JdbcClient jdbc;
    private final TimeZones timeZones;
    private final Outbox outbox;

    Diary(JdbcClient jdbc, TimeZones timeZones, Outbox outbox) {
        this.jdbc = jdbc;
        this.timeZones = timeZones;
        this.outbox = outbox;
    }

    /** Creates or changes the entry of {@code night}; an identical entry is left alone and not published. */
    @Transactional
    Written write(String userId, LocalDate night, DiaryEntry entry) {
        timeZones.holdSteady(userId);
        ZoneId zone = timeZones.zoneForNight(userId, night).orElseThrow();
        Set<Muscle> muscles = entry.muscleSet();
        String[] muscleNames = muscles.stream().map(Muscle::name).toArray(String[]::new);
        // One statement, so concurrent writes of the same night cannot both insert; xmax = 0 marks an insert.
        Optional<Boolean> created = jdbc.sql("""
                        insert into cramp_nights
                            (user_id, night, cramps, severity, muscles, woke_up, note, time_zone, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, now())
                        on conflict (user_id, night) do update set
                            cramps = excluded.cramps, severity = excluded.severity, muscles = excluded.muscles,
                            woke_up = excluded.woke_up, note = excluded.note, time_zone = excluded.time_zone,
                            updated_at = excluded.updated_at
                        where (cramp_nights.cramps, cramp_nights.severity, cramp_nights.muscles,
                               cramp_nights.woke_up, cramp_nights.note)
                            is distinct from
                              (excluded.cramps, excluded.severity, excluded.muscles, excluded.woke_up, excluded.note)
                        returning xmax = 0 as created
                        """)
                .params(
                        userId,
                        night,
                        entry.cramps(),
                        entry.severity(),
                        muscleNames,
                        entry.wokeUp(),
                        entry.note(),
                        zone.getId())
                .query(Boolean.class)
                .optional();
        Night stored = night(userId, night).orElseThrow();
        if (created.isEmpty()) {
            return new Written(stored, Change.UNCHANGED);
        }
        publish(userId, stored);
        return new Written(stored, created.get() ? Change.CREATED : Change.UPDATED);
    }

    /**
     * Moves the user's entries written before their first time-zone choice into the chosen zone, which is now the
     * zone of every earlier night, and publishes each of them again. The zone is part of an entry, so its
     * {@code updatedAt} moves too: consumers keep the latest entry of a night by that time. Runs in the transaction
     * of the choice.
     */
    @EventListener
    @Transactional
    public void firstTimeZoneChosen(FirstTimeZoneChosen chosen) {
        // clock_timestamp(), not now(): an entry written while the choice waited for its lock may be newer than
        // the start of this transaction.
        jdbc
                .sql("update cramp_nights set time_zone = ?, updated_at = clock_timestamp()"
                        + " where user_id = ? and time_zone <> ? returning " + COLUMNS)
                .params(chosen.zone().getId(), chosen.userId(), chosen.zone().getId())
                .query(Diary::night)
                .list()
                .stream()
                .sorted(Comparator.comparing(Night::night))
                .forEach(night -> publish(chosen.userId(), night));
    }

    private void publish(String userId, Night stored) {
        outbox.publish(
                KafkaTopics.CRAMP_NIGHTS,
                userId,
                new CrampNight(
                        UUID.randomUUID(),
                        userId,
                        stored.night(),
                        stored.cramps(),
                        stored.severity(),
                        stored.muscles(),
                        stored.wokeUp(),
                        stored.note(),
                        stored.timeZone(),
                        stored.updatedAt(),
                        false));
    }

    /** Deletes the entry of {@code night} and tells consumers the night is unknown again. */
    @Transactional
    void delete(String userId, LocalDate night) {
        record Deleted(String timeZone, Instant deletedAt) {}
        Deleted deleted = jdbc.sql(
                        "delete from cramp_nights where user_id = ? and night = ? returning time_zone, now() as deleted_at")
                .params(userId, night)
                .query((row, n) -> new Deleted(
                        row.getString("time_zone"),
                        row.getTimestamp("deleted_at").toInstant()))
                .optional()
                .orElseThrow(() -> new NotFound("no diary entry for the night of " + night));
        outbox.publish(
                KafkaTopics.CRAMP_NIGHTS,
                userId,
                CrampNight.deletion(
                        UUID.randomUUID(), userId, night, ZoneId.of(deleted.timeZone()), deleted.deletedAt()));
    }

    Optional<Night> night(String userId, LocalDate night) {
        return jdbc.sql("select " + COLUMNS + " from cramp_nights where user_id = ? and night = ?")
                .params(userId, night)
                .query(Diary::night)
                .optional();
    }

    /** The entries from {@code from} to {@code to}, both included, ascending. */
    List<Night> nights(String userId, LocalDate from, LocalDate to) {
        return jdbc.sql("select " + COLUMNS
                        + " from cramp_nights where user_id = ? and night between ? and ? order by night")
                .params(userId, from, to)
                .query(Diary::night)
                .list();
    }

    /** Every entry of the user, ascending: for the export. */
    public List<Night> all(String userId) {
        return jdbc.sql("select " + COLUMNS + " from cramp_nights where user_id = ? order by night")
                .param(userId)
                .query(Diary::night)
                .list();
    }

    private static Night night(ResultSet row, int n) throws SQLException {
        Array muscles = row.getArray("muscles");
        Set<Muscle> set = EnumSet.noneOf(Muscle.class);
        Arrays.stream((String[]) muscles.getArray()).map(Muscle::valueOf).forEach(set::add);
        return new Night(
                row.getObject("night", LocalDate.class),
                row.getInt("cramps"),
                row.getInt("severity"),
                set,
                row.getBoolean("woke_up"),
                row.getString("note"),
                ZoneId.of(row.getString("time_zone")),
                row.getTimestamp("updated_at").toInstant());
    }

    /**
     * A stored diary entry.
     *
     * @param night the local date D of the night from D 12:00 to D+1 12:00
     * @param cramps how many cramps, 0 meaning none
     * @param severity the worst one, 0 to 10
     * @param muscles where they struck
     * @param wokeUp whether a cramp woke the user
     * @param note free text, or null
     * @param timeZone the user's zone for that night
     * @param updatedAt when the user last changed it
     */
    public record Night(
            LocalDate night,
            int cramps,
            int severity,
            Set<Muscle> muscles,
            boolean wokeUp,
            String note,
            ZoneId timeZone,
            Instant updatedAt) {}

    enum Change {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    record Written(Night night, Change change) {}
}
