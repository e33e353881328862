package dev.massager.session.sessions;

import dev.massager.api.stream.RecordBatches;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.session.stream.DeviceRecords;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Telemetry and device events in, sessions out; offsets are committed after the batch's transaction. */
@Component
class DeviceStreamListener {

    static final String ID = "session-builder";

    private final RecordBatches batches;
    private final DeviceRecords records;
    private final SessionBuilding building;

    DeviceStreamListener(RecordBatches batches, DeviceRecords records, SessionBuilding building) {
        this.batches = batches;
        this.records = records;
        this.building = building;
    }

    @KafkaListener(
            id = ID,
            groupId = "${spring.kafka.consumer.group-id}.sessions",
            topics = {KafkaTopics.TELEMETRY, KafkaTopics.DEVICE_EVENTS},
            concurrency = "${massager.sessions.consumers:2}")
    void onDeviceMessages(List<ConsumerRecord<String, byte[]>> batch) {
        batches.process(batch, records::deviceMessage, building::record);
    }
}
