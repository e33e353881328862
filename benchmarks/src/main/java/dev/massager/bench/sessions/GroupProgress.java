package dev.massager.bench.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has read some topics, from the broker's view: the offsets the group committed against the
 * partitions' end offsets. A consumer of this project commits only after its database transaction, so a committed
 * record is one whose effect is in the database.
 */
final class GroupProgress {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String group;
    private final List<TopicPartition> partitions;

    GroupProgress(Admin admin, String group, List<String> topics) {
        this.admin = admin;
        this.group = group;
        this.partitions = new ArrayList<>();
        for (TopicDescription topic :
                get(admin.describeTopics(topics).allTopicNames()).values()) {
            topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
    }

    /** Records in the topics: the sum of the partitions' end offsets (nothing is deleted while a benchmark runs). */
    long records() {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all());
        return ends.values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    /** Records the group has committed, summed over the partitions. */
    long committed() {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        long sum = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = offsets.get(partition);
            if (offset != null) {
                sum += offset.offset();
            }
        }
        return sum;
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e, e);
        }
    }
}
