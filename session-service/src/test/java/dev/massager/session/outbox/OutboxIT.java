package dev.massager.session.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.session.SessionServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@SessionServiceIntegrationTest
class OutboxIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final PayloadCodec codec = new PayloadCodec();

    @Test
    void shouldSendWhatACommittedTransactionQueuedInOrderAndNothingOfARolledBackOne() {
        String committed = "user-" + UUID.randomUUID();
        String rolledBack = "user-" + UUID.randomUUID();
        List<UserErasure> erasures = IntStream.range(0, 50)
                .mapToObj(i -> new UserErasure(UUID.randomUUID(), committed, Instant.now()))
                .toList();

        try (TopicReader reader = new TopicReader(
                bootstrapServers, KafkaTopics.USER_ERASURES, key -> key.equals(committed) || key.equals(rolledBack))) {
            transactions.executeWithoutResult(status -> {
                outbox.publish(
                        KafkaTopics.USER_ERASURES,
                        rolledBack,
                        new UserErasure(UUID.randomUUID(), rolledBack, Instant.now()));
                status.setRollbackOnly();
            });
            transactions.executeWithoutResult(status ->
                    erasures.forEach(erasure -> outbox.publish(KafkaTopics.USER_ERASURES, committed, erasure)));

            await().atMost(WAIT).until(() -> reader.poll().size() >= erasures.size());
            assertThat(reader.poll())
                    .extracting(record -> codec.decode(record.value(), UserErasure.class))
                    .as("every record of the committed transaction, in the order queued, and nothing else")
                    .containsExactlyElementsOf(erasures);
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(
                                    jdbc.sql("select count(*) from outbox_messages where" + " message_key in (?, ?)")
                                            .params(committed, rolledBack)
                                            .query(Long.class)
                                            .single())
                            .as("sent rows are deleted")
                            .isZero());
        }
    }

    @Test
    void shouldSendRecordsQueuedTogetherInTheirOrderAfterThoseQueuedBefore() {
        String user = "user-" + UUID.randomUUID();
        UserErasure first = new UserErasure(UUID.randomUUID(), user, Instant.now());
        List<UserErasure> together = IntStream.range(0, 30)
                .mapToObj(i -> new UserErasure(UUID.randomUUID(), user, Instant.now()))
                .toList();

        try (TopicReader reader = new TopicReader(bootstrapServers, KafkaTopics.USER_ERASURES, user::equals)) {
            transactions.executeWithoutResult(status -> {
                outbox.publish(KafkaTopics.USER_ERASURES, user, first);
                outbox.publish(
                        KafkaTopics.USER_ERASURES,
                        together.stream()
                                .map(erasure -> new Outbox.Keyed(user, erasure))
                                .toList());
            });

            await().atMost(WAIT).until(() -> reader.poll().size() >= together.size() + 1);
            assertThat(reader.poll())
                    .extracting(record -> codec.decode(record.value(), UserErasure.class))
                    .containsExactlyElementsOf(
                            Stream.concat(Stream.of(first), together.stream()).toList());
        }
    }

    @Test
    void shouldRefuseToQueueOutsideATransaction() {
        assertThatThrownBy(() -> outbox.publish(
                        KafkaTopics.USER_ERASURES,
                        List.of(new Outbox.Keyed(
                                "user-x", new UserErasure(UUID.randomUUID(), "user-x", Instant.now())))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void shouldRefuseToQueueOneRecordOutsideATransaction() {
        assertThatThrownBy(() -> outbox.publish(
                        KafkaTopics.USER_ERASURES,
                        "user-x",
                        new UserErasure(UUID.randomUUID(), "user-x", Instant.now())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
