package dev.massager.analytics.diary;

import dev.massager.analytics.stream.Received;
import dev.massager.api.stream.RecordBatches;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.topic.KafkaTopics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Diary entries in; offsets are committed after the batch's transaction. */
@Component
class CrampNightListener {

    private final RecordBatches batches;
    private final PayloadCodec codec;
    private final Diary diary;

    CrampNightListener(RecordBatches batches, PayloadCodec codec, Diary diary) {
        this.batches = batches;
        this.codec = codec;
        this.diary = diary;
    }

    @KafkaListener(
            id = "cramp-nights",
            groupId = "${spring.kafka.consumer.group-id}.cramp-nights",
            topics = KafkaTopics.CRAMP_NIGHTS)
    void onEntries(List<ConsumerRecord<String, byte[]>> batch) {
        batches.process(
                batch, record -> Received.of(record, codec.decode(record.value(), CrampNight.class)), diary::record);
    }
}
