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
        // The users are listed once, in order; users who appear meanwhile are new and handled by the consumers.
        List<String> users = jdbc.sql("select user_id from (" + USERS + ") as users order by user_id")
                .query(String.class)
                .list();
        long total = users.size();
        long done = 0;
        progress.accept(new Progress(0, total, Duration.ZERO));
        for (int from = 0; from < users.size(); from += properties.batchSize()) {
            List<String> batch = users.subList(from, Math.min(from + properties.batchSize(), users.size()));
            transactions.executeWithoutResult(status -> {
                locks.lock(batch);
                sessions.reassignNights(batch);
                nights.rebuild(batch);
            });
            done += batch.size();
            progress.accept(new Progress(done, total, Duration.ofNanos(System.nanoTime() - start)));
        }
        return done;
    }

    /** @param batchSize users per transaction */
    @Validated
    @ConfigurationProperties("massager.rebuild")
    record RebuildProperties(@Min(1) @DefaultValue("500") int batchSize) {}
}
