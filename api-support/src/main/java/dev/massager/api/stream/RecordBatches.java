package dev.massager.api.stream;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Processes a batch of records in one transaction, and tells the error handler which record is at fault when
 * one is, always with a {@link BatchListenerFailedException}, so that its back-off per record decides:
 *
 * <ul>
 *   <li>A transaction that lost to another (a deadlock, a serialization failure) is run again at once, up to
 *       {@value #CONFLICT_RETRIES} times, before anything below applies.
 *   <li>A record that cannot be read: the records before it are processed, then it is named, and the error handler
 *       dead-letters it without retrying.
 *   <li>The database is away: the first record of the batch is named with a {@link DatabaseUnavailable} cause, which
 *       the error handler retries with a back-off that never gives up. Nothing is committed, nothing skipped.
 *   <li>Any other failure: the batch is processed again one record per transaction to find the record at fault,
 *       which the error handler then retries a few times and dead-letters. Records are idempotent, so the ones
 *       before it may safely be processed twice.
 * </ul>
 */
public class RecordBatches {

    private static final Logger log = LoggerFactory.getLogger(RecordBatches.class);

    /** Immediate retries of a transaction that lost to another (a deadlock, a serialization failure). */
    static final int CONFLICT_RETRIES = 3;

    private final DataSource dataSource;

    RecordBatches(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Reads each record with {@code read}, then hands everything read to {@code process}, which must run its own
     * transaction.
     */
    public <T> void process(
            List<ConsumerRecord<String, byte[]>> batch,
            Function<ConsumerRecord<String, byte[]>, T> read,
            Consumer<List<T>> process) {
        List<T> items = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                items.add(read.apply(record));
            } catch (RuntimeException unreadable) {
                processIsolatingFailures(batch, items, process);
                throw new BatchListenerFailedException(
                        "cannot read " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                                + unreadable.getMessage(),
                        unreadable,
                        record);
            }
        }
        processIsolatingFailures(batch, items, process);
    }

    private <T> void processIsolatingFailures(
            List<ConsumerRecord<String, byte[]>> batch, List<T> items, Consumer<List<T>> process) {
        if (items.isEmpty()) {
            return;
        }
        try {
            retryingConflicts(process, items);
        } catch (RuntimeException failure) {
            if (databaseAway(failure)) {
                throw new BatchListenerFailedException(
                        "database unavailable", new DatabaseUnavailable(failure), batch.get(0));
            }
            log.warn("Batch of {} failed ({}), retrying one record at a time", items.size(), failure.toString());
            for (int i = 0; i < items.size(); i++) {
                try {
                    retryingConflicts(process, List.of(items.get(i)));
                } catch (RuntimeException single) {
                    Throwable cause = databaseAway(single) ? new DatabaseUnavailable(single) : single;
                    throw new BatchListenerFailedException(single.getMessage(), cause, batch.get(i));
                }
            }
        }
    }

    /**
     * Runs {@code process}, again at once when its transaction lost to another one (a deadlock or a serialization
     * failure, which the database rolled back), up to {@link #CONFLICT_RETRIES} times.
     */
    private <T> void retryingConflicts(Consumer<List<T>> process, List<T> items) {
        for (int retry = 0; ; retry++) {
            try {
                process.accept(items);
                return;
            } catch (RuntimeException failure) {
                if (retry == CONFLICT_RETRIES || !conflict(failure)) {
                    throw failure;
                }
                log.info("Transaction of {} records lost to another ({}), retrying", items.size(), failure.toString());
            }
        }
    }

    /** Whether {@code failure} is a deadlock (SQLSTATE 40P01) or a serialization failure (40001). */
    static boolean conflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} says the database cannot be reached, or it does not answer a validity check. A timeout
     * or a deadlock is not an outage: a deadlock that outlasts the immediate retries, like a timeout, gets the bounded
     * retries.
     */
    boolean databaseAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || (cause instanceof SQLException sql && connectionState(sql.getSQLState()))) {
                return true;
            }
        }
        try (var connection = dataSource.getConnection()) {
            return !connection.isValid(5);
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /**
     * SQLSTATEs of connection loss (class 08), lack of resources (53, e.g. too many connections) and a server shutting
     * down or not yet accepting connections (57P01 to 57P03; not 57014, a statement cancelled by its timeout).
     */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P0"));
    }
}
