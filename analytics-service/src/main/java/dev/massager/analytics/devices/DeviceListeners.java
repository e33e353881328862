package dev.massager.analytics.devices;

import dev.massager.api.stream.RecordBatches;
import dev.massager.common.topic.KafkaTopics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Device statuses and events in; offsets are committed after each batch's transaction. */
@Component
class DeviceListeners {

    private final RecordBatches batches;
    private final DeviceRecords records;
    private final DeviceStatuses statuses;
    private final DeviceFaults faults;

    DeviceListeners(RecordBatches batches, DeviceRecords records, DeviceStatuses statuses, DeviceFaults faults) {
        this.batches = batches;
        this.records = records;
        this.statuses = statuses;
        this.faults = faults;
    }

    @KafkaListener(
            id = "device-statuses",
            groupId = "${spring.kafka.consumer.group-id}.device-statuses",
            topics = KafkaTopics.DEVICE_STATUS)
    void onStatuses(List<ConsumerRecord<String, byte[]>> batch) {
        batches.process(batch, records::status, statuses::record);
    }

    @KafkaListener(
            id = "device-faults",
            groupId = "${spring.kafka.consumer.group-id}.device-faults",
            topics = KafkaTopics.DEVICE_EVENTS)
    void onEvents(List<ConsumerRecord<String, byte[]>> batch) {
        batches.process(batch, records::event, faults::record);
    }
}
