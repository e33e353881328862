package dev.massager.gateway;

import dev.massager.common.topic.KafkaTopics;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the gateway writes. Declared here so a fresh cluster gets them with the configured
 * partition count; existing topics are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class GatewayTopics {

    @Bean
    KafkaAdmin.NewTopics writtenTopics(KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(KafkaTopics.TELEMETRY, properties).build(),
                topic(KafkaTopics.DEVICE_EVENTS, properties).build(),
                // Compacted: consumers want the latest presence and firmware per device, not the history.
                topic(KafkaTopics.DEVICE_STATUS, properties)
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .build(),
                topic(KafkaTopics.INGEST_REJECTED, properties).build());
    }

    private static TopicBuilder topic(String name, KafkaTopicProperties properties) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor());
    }
}
