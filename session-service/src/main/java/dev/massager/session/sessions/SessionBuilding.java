package dev.massager.session.sessions;

import dev.massager.common.topic.KafkaTopics;
import dev.massager.session.outbox.Outbox;
import dev.massager.session.users.FirstTimeZoneChosen;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns device messages into sessions, one transaction per call: the sessions touched are locked, folded, saved,
 * and each new revision of a session that has an owner is queued in the outbox in the same transaction.
 */
@Service
public class SessionBuilding {

    private final SessionStore store;
    private final Outbox outbox;
    private final SessionProperties properties;
    private final Counter revisions;
    private final Counter closed;

    SessionBuilding(SessionStore store, Outbox outbox, SessionProperties properties, MeterRegistry meters) {
        this.store = store;
        this.outbox = outbox;
        this.properties = properties;
        this.revisions = Counter.builder("sessions.revisions")
                .description("Session revisions made (new, status change, amendment)")
                .register(meters);
        this.closed = Counter.builder("sessions.closed.incomplete")
                .description("Open sessions closed as incomplete after the quiet period")
                .register(meters);
    }

    /** Records messages of any devices and sessions; messages outside any session (a lone fault) are skipped. */
    @Transactional
    public void record(List<DeviceMessage> messages) {
        Map<SessionKey, List<DeviceMessage>> bySession = new LinkedHashMap<>();
        for (DeviceMessage message : messages) {
            SessionKey key = message.sessionKey();
            if (key != null) {
                bySession.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
            }
        }
        if (bySession.isEmpty()) {
            return;
        }
        Map<SessionKey, Session> stored = store.lockAndLoad(bySession.keySet());
        List<Session> changed = new ArrayList<>();
        bySession.forEach((key, sessionMessages) -> {
            Session session = stored.getOrDefault(key, Session.begin(key));
            session.record(sessionMessages);
            if (session.changed()) {
                changed.add(session);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        assignOwners(changed);
        save(changed);
    }

    /**
     * Gives the sessions of a user who just chose their first time zone their owner again: the zone they were given
     * was the placeholder, and the choice replaced it for all earlier times. Each session whose zone changes gets a
     * new revision, published, as for any other change of owner. Runs in the transaction of the choice.
     */
    @EventListener
    @Transactional
    public void firstTimeZoneChosen(FirstTimeZoneChosen chosen) {
        List<Session> sessions = store.lockAndLoadOwnedBy(chosen.userId());
        if (sessions.isEmpty()) {
            return;
        }
        assignOwners(sessions);
        save(sessions.stream().filter(Session::changed).collect(Collectors.toCollection(ArrayList::new)));
    }

    private void assignOwners(List<Session> sessions) {
        List<Owner> owners = store.ownersOf(sessions);
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).assignOwner(owners.get(i));
        }
    }

    /**
     * Closes open sessions that received nothing for the quiet period before {@code now}, as incomplete.
     *
     * @return how many were closed; at most the configured batch size per call
     */
    @Transactional
    public int closeQuiet(Instant now) {
        List<Session> quiet = store.lockQuiet(now.minus(properties.quietPeriod()), properties.closeBatchSize());
        List<Session> closing = new ArrayList<>();
        for (Session session : quiet) {
            if (session.closeIfQuiet(now, properties.quietPeriod())) {
                closing.add(session);
            }
        }
        save(closing);
        closed.increment(closing.size());
        return closing.size();
    }

    private void save(List<Session> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        // A stable order keeps the outbox order, and so the order on each Kafka key, the same on a replay.
        sessions.sort(Comparator.comparing((Session session) -> session.key().deviceId())
                .thenComparing(session -> session.key().deviceSessionId()));
        store.save(sessions);
        List<Outbox.Keyed> summaries = new ArrayList<>();
        for (Session session : sessions) {
            if (session.revised()) {
                revisions.increment();
                if (session.owner() != null) {
                    summaries.add(new Outbox.Keyed(session.owner().userId(), session.summary()));
                }
            }
        }
        outbox.publish(KafkaTopics.SESSIONS, summaries);
    }
}
