package dev.massager.session.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to Kafka: after each commit that queued something, and every
 * {@link OutboxProperties#pollInterval()} in case a send failed or another instance queued records. Rows are
 * read in id order, sent, and deleted only once Kafka acknowledged all of them ({@code acks=all}), all in one
 * database transaction: a crash between the send and the delete sends a record again, never loses one, and
 * consumers of these topics are idempotent. A transaction-scoped advisory lock lets only one instance relay at
 * a time, which keeps the records of one key in the order they were queued.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The advisory lock key: any constant the other users of this database do not pick. */
    private static final long RELAY_LOCK = 0x6d617373_6f757462L;

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Counter relayed;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.relayed = Counter.builder("outbox.relayed")
                .description("Outbox records sent to Kafka and acknowledged")
                .register(meters);
    }

    /** Asks the relay to look at the outbox now. */
    void wake() {
        wakeups.release();
    }

    @Override
    public void start() {
        running = true;
        Thread relay = new Thread(this::run, "outbox-relay");
        relay.setDaemon(true);
        relay.start();
        thread = relay;
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = properties.pollInterval();
        while (running) {
            try {
                wakeups.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                while (running && relayBatch() == properties.batchSize()) {
                    // a full batch: there may be more
                }
                backoff = properties.pollInterval();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                log.warn("Outbox relay failed, retrying in {}: {}", backoff, e.toString());
            }
        }
    }

    /** Sends and deletes one batch; the number of records sent, 0 when none or another instance holds the lock. */
    int relayBatch() {
        Integer sent = transactions.execute(status -> {
            boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)")
                    .param(RELAY_LOCK)
                    .query(Boolean.class)
                    .single();
            if (!locked) {
                return 0;
            }
            List<Queued> batch = jdbc.sql(
                            "select id, topic, message_key, payload from outbox_messages order by id limit ?")
                    .param(properties.batchSize())
                    .query(Queued.class)
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            CompletableFuture<?>[] acks = batch.stream()
                    .map(queued -> kafka.send(queued.topic(), queued.messageKey(), queued.payload()))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(acks)
                    .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .join();
            // Exactly the rows sent: a transaction that took a lower id may commit only now.
            Long[] ids = batch.stream().map(Queued::id).toArray(Long[]::new);
            jdbc.sql("delete from outbox_messages where id = any(?)").param(ids).update();
            return batch.size();
        });
        relayed.increment(sent);
        return sent;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    record Queued(long id, String topic, String messageKey, byte[] payload) {}
}
