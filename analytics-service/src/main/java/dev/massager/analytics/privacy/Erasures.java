package dev.massager.analytics.privacy;

import dev.massager.analytics.aggregate.UserLocks;
import dev.massager.common.privacy.UserErasure;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets users who asked for it: their rows leave every table at once, and only a hash of their id stays, with the
 * time of the request, to keep out records about them that are still on their way. Applying an erasure twice is
 * harmless.
 */
@Component
public class Erasures {

    /** Every table with a {@code user_id} column; a test checks that none is missing. */
    private static final List<String> TABLES_NAMING_USERS =
            List.of("sessions", "cramp_nights", "nights", "user_devices");

    private final JdbcClient jdbc;
    private final UserLocks locks;

    Erasures(JdbcClient jdbc, UserLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
    }

    @Transactional
    public void erase(List<UserErasure> erasures) {
        locks.lock(erasures.stream().map(UserErasure::userId).toList());
        for (UserErasure erasure : erasures) {
            for (String table : TABLES_NAMING_USERS) {
                jdbc.sql("delete from " + table + " where user_id = ?")
                        .param(erasure.userId())
                        .update();
            }
            jdbc.sql("""
                            insert into erased_users (user_hash, erased_at) values (?, ?)
                            on conflict (user_hash) do update
                                set erased_at = greatest(erased_users.erased_at, excluded.erased_at)
                            """)
                    .params(UserHash.of(erasure.userId()), Timestamp.from(erasure.requestedAt()))
                    .update();
        }
    }
}
