package dev.massager.api.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;

class RecordBatchesTest {

    private final List<ConsumerRecord<String, byte[]>> batch = List.of(record(0), record(1), record(2));
    private final List<List<Long>> calls = new ArrayList<>();
    private RecordBatches batches;

    @BeforeEach
    void setUp() throws SQLException {
        DataSource dataSource = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.isValid(anyInt())).thenReturn(true);
        batches = new RecordBatches(dataSource);
    }

    @Test
    void shouldRunTheBatchAgainAtOnceWhenItsTransactionDeadlocked() {
        batches.process(batch, ConsumerRecord::offset, failing(2, "40P01"));

        assertThat(calls).containsExactly(List.of(0L, 1L, 2L), List.of(0L, 1L, 2L), List.of(0L, 1L, 2L));
    }

    @Test
    void shouldIsolateTheRecordsWhenSerializationFailuresOutlastTheRetries() {
        batches.process(batch, ConsumerRecord::offset, failing(RecordBatches.CONFLICT_RETRIES + 1, "40001"));

        assertThat(calls)
                .containsExactly(
                        List.of(0L, 1L, 2L),
                        List.of(0L, 1L, 2L),
                        List.of(0L, 1L, 2L),
                        List.of(0L, 1L, 2L),
                        List.of(0L),
                        List.of(1L),
                        List.of(2L));
    }

    @Test
    void shouldNotRetryOtherFailuresInPlace() {
        Consumer<List<Long>> process = items -> {
            calls.add(items);
            if (items.contains(1L)) {
                throw new DataIntegrityViolationException("broken", new SQLException("broken", "23505"));
            }
        };

        assertThatThrownBy(() -> batches.process(batch, ConsumerRecord::offset, process))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failure -> assertThat(failure.getRecord()).isSameAs(batch.get(1)));
        assertThat(calls).containsExactly(List.of(0L, 1L, 2L), List.of(0L), List.of(1L));
    }

    /** Records each call; the first {@code failures} calls fail with {@code sqlState}. */
    private Consumer<List<Long>> failing(int failures, String sqlState) {
        return items -> {
            calls.add(items);
            if (calls.size() <= failures) {
                throw new CannotAcquireLockException("lost", new SQLException("lost", sqlState));
            }
        };
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        return new ConsumerRecord<>("topic", 0, offset, "key", new byte[0]);
    }
}
