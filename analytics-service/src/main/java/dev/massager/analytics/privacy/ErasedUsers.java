package dev.massager.analytics.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which users asked to be forgotten, and when. A session or diary entry of such a user sent before the erasure was
 * still in flight (another topic, a redelivery, a replay) and must be dropped, not stored again.
 *
 * <p>"Before" is judged by the record's Kafka timestamp, the time session-service sent it, never by the device's
 * clock in the payload, which may be off by anything: session-service's outbox relay sends a record only after its
 * transaction committed, and drops a user's unsent records when it erases them, so every record about the user from
 * before the erasure carries a timestamp before {@code requestedAt}.
 */
@Component
public class ErasedUsers {

    private final JdbcClient jdbc;

    ErasedUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether a record of {@code userId} sent at {@code sentAt} (its Kafka timestamp) predates that user's erasure,
     * and so must be dropped. A record sent after it is the same account used again, and is kept.
     */
    public boolean forgotten(String userId, Instant sentAt) {
        return jdbc.sql("select erased_at from erased_users where user_hash = ?")
                .param(UserHash.of(userId))
                .query(Timestamp.class)
                .optional()
                .map(erasedAt -> sentAt.isBefore(erasedAt.toInstant()))
                .orElse(false);
    }
}
