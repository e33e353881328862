package dev.massager.analytics.rebuild;

import dev.massager.analytics.aggregate.NightAggregation;
import dev.massager.analytics.aggregate.UserLocks;
import dev.massager.analytics.sessions.Sessions;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

/**
 * Recomputes the {@code nights} table from {@code sessions} and {@code cramp_nights}, a batch of users per
 * transaction: the sessions are assigned to nights again with the configured calendar, then every night of those
 * users is derived anew. The consumers may keep running meanwhile: each batch holds its users' locks, as they do.
 */
@Component
public class NightsRebuild {

    private static final String USERS = """
            select user_id from sessions union select user_id from cramp_nights union select user_id from nights
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UserLocks locks;
    private final Sessions sessions;
    private final NightAggregation nights;
    private final RebuildProperties properties;

    NightsRebuild(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            UserLocks locks,
            Sessions sessions,
            NightAggregation nights,
            RebuildProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.locks = locks;
        this.sessions = sessions;
        this.nights = nights;
        this.properties = properties;
    }

    /**
     * Rebuilds every user's nights, telling {@code progress} after each batch.
     *
     * @return the users rebuilt
     */
    public long rebuild(Consumer<Progress> progress) {
        long start = System.nanoTime();
        long total = jdbc.sql("select count(*) from (" + USERS + ") as users")
                .query(Long.class)
                .single();
        long done = 0;
        String after = "";
        progress.accept(new Progress(0, total, Duration.ZERO));
        while (true) {
            // Keyset pagination: users who appear meanwhile sort in somewhere and are handled, or are new and
            // handled by the consumers anyway.
            List<String> batch = jdbc.sql("select user_id from (" + USERS + ") as users where user_id > ?"
                            + " order by user_id limit ?")
                    .params(after, properties.batchSize())
                    .query(String.class)
                    .list();
            if (batch.isEmpty()) {
                return done;
            }
            transactions.executeWithoutResult(status -> {
                locks.lock(batch);
                sessions.reassignNights(batch);
                nights.rebuild(batch);
            });
            done += batch.size();
            after = batch.get(batch.size() - 1);
            progress.accept(new Progress(
                    Math.min(done, total), Math.max(done, total), Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    /** @param batchSize users per transaction */
    @Validated
    @ConfigurationProperties("massager.rebuild")
    record RebuildProperties(@Min(1) @DefaultValue("500") int batchSize) {}
}
