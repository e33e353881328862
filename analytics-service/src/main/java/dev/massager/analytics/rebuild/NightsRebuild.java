package dev.massager.analytics.rebuild;

import dev.massager.analytics.aggregate.NightAggregation;
import dev.massager.analytics.aggregate.UserLocks;
import dev.massager.analytics.sessions.Sessions;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * Batches run side by side on {@link RebuildProperties#parallelism()} connections; they hold disjoint users, so they
 * never wait for each other.
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
     * Rebuilds every user's nights, telling {@code progress} after each batch (from the thread that ran it, one call
     * at a time).
     *
     * @return the users rebuilt, and the time the batches spent in each step
     * @throws RuntimeException the first batch's failure; the batches not started by then are not run
     */
    public Result rebuild(Consumer<Progress> progress) {
        long start = System.nanoTime();
        // The users are listed once, in order; users who appear meanwhile are new and handled by the consumers.
        List<String> users = jdbc.sql("select user_id from (" + USERS + ") as users order by user_id")
                .query(String.class)
                .list();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < users.size(); from += properties.batchSize()) {
            batches.add(users.subList(from, Math.min(from + properties.batchSize(), users.size())));
        }
        long total = users.size();
        long[] done = {0};
        progress.accept(new Progress(0, total, Duration.ZERO));
        AtomicLong[] steps = {new AtomicLong(), new AtomicLong()};
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int b = next.getAndIncrement();
                    b < batches.size() && failure.get() == null;
                    b = next.getAndIncrement()) {
                List<String> batch = batches.get(b);
                try {
                    transactions.executeWithoutResult(status -> rebuild(batch, steps));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    return;
                }
                synchronized (done) {
                    done[0] += batch.size();
                    progress.accept(new Progress(done[0], total, Duration.ofNanos(System.nanoTime() - start)));
                }
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(properties.parallelism(), Math.max(1, batches.size())); i++) {
            Thread thread = new Thread(worker, "nights-rebuild-" + i);
            thread.start();
            workers.add(thread);
        }
        for (Thread thread : workers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new IllegalStateException("Interrupted while rebuilding the nights", e));
                next.set(batches.size());
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Result(done[0], Duration.ofNanos(steps[0].get()), Duration.ofNanos(steps[1].get()));
    }

    /** Rebuilds {@code batch}, adding the nanoseconds of its two steps to {@code steps}. */
    private void rebuild(List<String> batch, AtomicLong[] steps) {
        // For this transaction only: the batch's sessions are sorted and hashed by user and night, and would spill
        // to disk with the server's default of a few megabytes.
        jdbc.sql("select set_config('work_mem', ?, true)")
                .param(properties.workMem())
                .query(String.class)
                .single();
        locks.lock(batch);
        long start = System.nanoTime();
        sessions.reassignNights(batch);
        long reassigned = System.nanoTime();
        nights.rebuild(batch);
        steps[0].addAndGet(reassigned - start);
        steps[1].addAndGet(System.nanoTime() - reassigned);
    }

    /**
     * What a rebuild did: the users, and the time its batches spent in each step, summed over the workers (so with
     * two workers, up to twice the time the rebuild took).
     *
     * @param users users rebuilt
     * @param reassign assigning the sessions to nights again
     * @param derive deriving the nights from the sessions and the diary
     */
    public record Result(long users, Duration reassign, Duration derive) {}

    /**
     * @param batchSize users per transaction
     * @param parallelism transactions side by side, each on a connection of its own
     * @param workMem PostgreSQL's {@code work_mem} for the rebuild's transactions
     */
    @Validated
    @ConfigurationProperties("massager.rebuild")
    record RebuildProperties(
            @Min(1) @DefaultValue("500") int batchSize,
            @Min(1) @DefaultValue("2") int parallelism,
            @NotBlank @DefaultValue("64MB") String workMem) {}
}
