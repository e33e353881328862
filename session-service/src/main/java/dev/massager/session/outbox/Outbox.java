package dev.massager.session.outbox;

import dev.massager.common.codec.PayloadCodec;
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
    private final PayloadCodec codec;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, PayloadCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
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
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }
}
