package dev.massager.analytics.privacy;

import dev.massager.api.stream.RecordBatches;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.topic.KafkaTopics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Erasure requests in; offsets are committed after the batch's transaction. */
@Component
class ErasureListener {

    private final RecordBatches batches;
    private final PayloadCodec codec;
    private final Erasures erasures;

    ErasureListener(RecordBatches batches, PayloadCodec codec, Erasures erasures) {
        this.batches = batches;
        this.codec = codec;
        this.erasures = erasures;
    }

    @KafkaListener(
            id = "user-erasures",
            groupId = "${spring.kafka.consumer.group-id}.user-erasures",
            topics = KafkaTopics.USER_ERASURES)
    void onErasures(List<ConsumerRecord<String, byte[]>> batch) {
        batches.process(batch, record -> codec.decode(record.value(), UserErasure.class), erasures::erase);
    }
}
