package dev.massager.bench.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs a seed's statements on several connections at once, each taking the next statement not yet started. */
public final class SideBySide {

    /** Opens a connection for bulk work. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private SideBySide() {}

    /**
     * Runs {@code statements} on {@code connections} connections from {@code open}, and returns when all are done.
     *
     * @param setup run first on each connection, or {@code null}
     * @param finished told how many statements are done after each one (from the thread that ran it)
     * @throws SQLException the first statement's failure; the statements not started by then are not run
     */
    public static void run(
            ConnectionSource open, int connections, String setup, List<String> statements, IntConsumer finished)
            throws SQLException, InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Void>> writers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                writers.add(pool.submit(() -> {
                    try (Connection connection = open.get();
                            Statement statement = connection.createStatement()) {
                        if (setup != null) {
                            statement.execute(setup);
                        }
                        for (int s = next.getAndIncrement(); s < statements.size(); s = next.getAndIncrement()) {
                            statement.execute(statements.get(s));
                            finished.accept(done.incrementAndGet());
                        }
                    } catch (SQLException e) {
                        next.set(statements.size());
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<Void> writer : writers) {
                writer.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("Could not seed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
