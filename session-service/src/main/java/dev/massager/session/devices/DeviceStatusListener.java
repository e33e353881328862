package dev.massager.session.devices;

import dev.massager.api.stream.RecordBatches;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.session.stream.DeviceRecords;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Device presence in: the latest status per device, for the companion app's device list. */
@Component
class DeviceStatusListener {

    private final RecordBatches batches;
    private final DeviceRecords records;
    private final DeviceStatusRecorder recorder;

    DeviceStatusListener(RecordBatches batches, DeviceRecords records, DeviceStatusRecorder recorder) {
        this.batches = batches;
        this.records = records;
        this.recorder = recorder;
    }

    @KafkaListener(
            id = "device-statuses",
            groupId = "${spring.kafka.consumer.group-id}.device-statuses",
            topics = KafkaTopics.DEVICE_STATUS)
    void onStatuses(List<ConsumerRecord<String, byte[]>> batch) {
        batches.process(batch, records::status, recorder::record);
    }
}
