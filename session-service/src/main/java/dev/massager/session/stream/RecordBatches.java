package dev.massager.session.stream;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Processes a batch of records in one transaction, and tells the error handler which record is at fault when
 * one is:
 *
 * <ul>
 *   <li>A record that cannot be read: the records before it are processed, then a {@link
 *       BatchListenerFailedException} names it, and the error handler dead-letters it without retrying.
 *   <li>The database is away: the exception goes up as it is, and the error handler retries the whole batch with
 *       a back-off that never gives up, the consumer paused meanwhile. Nothing is committed, nothing skipped.
 *   <li>Any other failure: the batch is processed again one record per transaction to find the record at fault,
 *       which the error handler then retries a few times and dead-letters. Records are idempotent, so the ones
 *       before it may safely be processed twice.
 * </ul>
 */
@Component
public class RecordBatches {

    private static final Logger log = LoggerFactory.getLogger(RecordBatches.class);

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
            process.accept(items);
        } catch (RuntimeException failure) {
            if (databaseAway(failure)) {
                throw failure;
            }
            log.warn("Batch of {} failed ({}), retrying one record at a time", items.size(), failure.toString());
            for (int i = 0; i < items.size(); i++) {
                try {
                    process.accept(List.of(items.get(i)));
                } catch (RuntimeException single) {
                    if (databaseAway(single)) {
                        throw single;
                    }
                    throw new BatchListenerFailedException(single.getMessage(), single, batch.get(i));
                }
            }
        }
    }

    /** Whether {@code failure} says the database cannot be reached, or it does not answer a validity check. */
    boolean databaseAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientException
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

    /** SQLSTATE classes of connection loss, lack of resources and operator intervention (e.g. a shutdown). */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
    }
}
