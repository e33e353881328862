package dev.massager.analytics.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which users asked to be forgotten, and when. A session or diary entry of such a user dated before the erasure is
 * still in flight (another topic, a redelivery, a replay) and must be dropped, not stored again.
 */
@Component
public class ErasedUsers {

    private final JdbcClient jdbc;

    ErasedUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether a record of {@code userId} dated {@code dated} predates that user's erasure, and so must be dropped. A
     * record dated after it is the same account used again, and is kept.
     */
    public boolean forgotten(String userId, Instant dated) {
        return jdbc.sql("select erased_at from erased_users where user_hash = ?")
                .param(UserHash.of(userId))
                .query(Timestamp.class)
                .optional()
                .map(erasedAt -> dated.isBefore(erasedAt.toInstant()))
                .orElse(false);
    }
}
