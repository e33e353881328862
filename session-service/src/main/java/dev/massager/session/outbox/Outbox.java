package dev.massager.session.outbox;

import dev.massager.common.codec.PayloadCodec;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues a contract record for a Kafka topic as part of the caller's transaction: it is sent if and only if
 * that transaction commits, after it commits, and in the order queued. The record is encoded here with the one
 * contract codec, so what is stored is exactly what consumers will read.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final PayloadCodec codec;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, JdbcTemplate batches, PayloadCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.codec = codec;
        this.relay = relay;
    }

    /**
     * Queues {@code record} (a contract type of {@link PayloadCodec}) for {@code topic} under {@code key}.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(String topic, String key, Object record) {
        jdbc.sql("insert into outbox_messages (topic, message_key, payload) values (?, ?, ?)")
                .params(topic, key, codec.encode(record))
                .update();
        wakeRelayAfterCommit();
    }

    /**
     * Queues {@code records} for {@code topic}, in their order, in one round trip to the database: a transaction that
     * revises many sessions at once would otherwise wait for the database once per record.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(String topic, List<Keyed> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(records.size());
        for (Keyed record : records) {
            rows.add(new Object[] {topic, record.key(), codec.encode(record.record())});
        }
        // A JDBC batch runs its statements in order, so the ids, and the relay's order per key, follow the list.
        batches.batchUpdate("insert into outbox_messages (topic, message_key, payload) values (?, ?, ?)", rows);
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    /**
     * A contract record and its Kafka key.
     *
     * @param key the key, e.g. the user id
     * @param record a contract type of {@link PayloadCodec}
     */
    public record Keyed(String key, Object record) {}
}
