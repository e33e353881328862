package dev.massager.analytics.sessions;

import dev.massager.analytics.stream.Received;
import dev.massager.api.stream.RecordBatches;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.session.SessionSummary;
import dev.massager.common.topic.KafkaTopics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Session summaries in; offsets are committed after the batch's transaction. */
@Component
class SessionListener {

    private final RecordBatches batches;
    private final PayloadCodec codec;
    private final Sessions sessions;

    SessionListener(RecordBatches batches, PayloadCodec codec, Sessions sessions) {
        this.batches = batches;
        this.codec = codec;
        this.sessions = sessions;
    }

    @KafkaListener(
            id = "sessions",
            groupId = "${spring.kafka.consumer.group-id}.sessions",
            topics = KafkaTopics.SESSIONS)
    void onSessions(List<ConsumerRecord<String, byte[]>> batch) {
        batches.process(
                batch,
                record -> Received.of(record, codec.decode(record.value(), SessionSummary.class)),
                sessions::record);
    }
}
