package dev.massager.analytics.aggregate;

import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises the writers of one user's rows: the session, diary and erasure consumers run on different threads (the
 * topics are keyed by user, but they are three topics) and the rebuild may run beside them. Each takes these
 * transaction-scoped advisory locks before it reads or writes a user's rows, so a night is never recomputed from a
 * view that misses a change committed just before.
 */
@Component
public class UserLocks {

    private final JdbcClient jdbc;

    UserLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks {@code userIds} until the transaction ends, in one fixed order so that two writers never deadlock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        select count(pg_advisory_xact_lock(k)) from (
                            select distinct hashtextextended('analytics-user:' || u, 0) as k
                            from unnest(?::text[]) as u order by k) as locks
                        """).param(userIds.toArray(String[]::new)).query(Long.class).single();
    }
}
