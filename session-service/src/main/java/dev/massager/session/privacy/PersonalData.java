package dev.massager.session.privacy;

import dev.massager.common.privacy.UserErasure;
import dev.massager.common.session.SessionSummary;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.session.devices.Devices;
import dev.massager.session.diary.Diary;
import dev.massager.session.outbox.Outbox;
import dev.massager.session.sessions.SessionHistory;
import dev.massager.session.users.TimeZones;
import dev.massager.session.users.Users;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Everything the service holds about one user: exported on request, erased on request. */
@Service
class PersonalData {

    private final JdbcClient jdbc;
    private final Users users;
    private final TimeZones timeZones;
    private final Devices devices;
    private final SessionHistory sessions;
    private final Diary diary;
    private final Outbox outbox;

    PersonalData(
            JdbcClient jdbc,
            Users users,
            TimeZones timeZones,
            Devices devices,
            SessionHistory sessions,
            Diary diary,
            Outbox outbox) {
        this.jdbc = jdbc;
        this.users = users;
        this.timeZones = timeZones;
        this.devices = devices;
        this.sessions = sessions;
        this.diary = diary;
        this.outbox = outbox;
    }

    /**
     * The user's data as of one moment: under REPEATABLE READ, PostgreSQL takes one snapshot for the whole
     * transaction, so every query sees the same data (under the default READ COMMITTED each query would see what
     * had committed when it started, and a diary entry or session written in between could appear in one part of
     * the export and not in another).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Export export(String userId) {
        return new Export(
                Instant.now(),
                users.profile(userId).orElseThrow(),
                timeZones.history(userId),
                devices.history(userId),
                sessions.all(userId),
                diary.all(userId));
    }

    /**
     * Deletes the user, and with it (by foreign-key cascade) their pairings, time zones, sessions and diary, and
     * tells every consumer to forget them too, in the same transaction.
     *
     * <p>Records about the user still queued in the outbox (session summaries, diary entries with their notes)
     * are personal data too, and stay there for as long as Kafka is unreachable: they are deleted, before the
     * erasure is queued so that it stays. The user id is the key of every record about the user on
     * {@link KafkaTopics#SESSIONS} and {@link KafkaTopics#CRAMP_NIGHTS}, and consumers lose nothing by not getting
     * them: the erasure tells them to forget the user anyway.
     */
    @Transactional
    void erase(String userId) {
        Instant now = jdbc.sql("select now()").query(Instant.class).single();
        jdbc.sql("delete from users where user_id = ?").param(userId).update();
        jdbc.sql("delete from outbox_messages where message_key = ?")
                .param(userId)
                .update();
        outbox.publish(KafkaTopics.USER_ERASURES, userId, new UserErasure(UUID.randomUUID(), userId, now));
    }

    /**
     * All of a user's data.
     *
     * @param exportedAt when this export was made
     * @param profile the profile
     * @param timeZones every time zone the user had, from when
     * @param pairings every device pairing, current and ended
     * @param sessions every session, newest first
     * @param crampNights every diary entry, by night
     */
    record Export(
            Instant exportedAt,
            Users.Profile profile,
            List<TimeZones.ZoneChange> timeZones,
            List<Devices.PastPairing> pairings,
            List<SessionSummary> sessions,
            List<Diary.Night> crampNights) {}
}
