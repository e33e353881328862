package dev.massager.session.sessions;

import dev.massager.common.topic.KafkaTopics;
import dev.massager.session.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<Owner> owners = store.ownersOf(changed);
        for (int i = 0; i < changed.size(); i++) {
            changed.get(i).assignOwner(owners.get(i));
        }
        save(changed);
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
        for (Session session : sessions) {
            if (session.revised()) {
                revisions.increment();
                if (session.owner() != null) {
                    outbox.publish(KafkaTopics.SESSIONS, session.owner().userId(), session.summary());
                }
            }
        }
    }
}
