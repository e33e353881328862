package dev.massager.analytics;

import dev.massager.common.topic.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The dead-letter topics of the topics this service consumes, where the records it can never process go with the
 * reason in their headers. Declared here so a fresh cluster gets them with the configured partition count; existing
 * topics are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsTopics {

    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(KafkaTopics.deadLetter(KafkaTopics.SESSIONS), properties),
                topic(KafkaTopics.deadLetter(KafkaTopics.CRAMP_NIGHTS), properties),
                topic(KafkaTopics.deadLetter(KafkaTopics.USER_ERASURES), properties),
                topic(KafkaTopics.deadLetter(KafkaTopics.DEVICE_STATUS), properties),
                topic(KafkaTopics.deadLetter(KafkaTopics.DEVICE_EVENTS), properties));
    }

    private static NewTopic topic(String name, KafkaTopicProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }
}
