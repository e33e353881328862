package dev.massager.session;

import dev.massager.common.topic.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the session service publishes to, and the dead-letter topics of those it consumes. Declared here so a fresh cluster gets them with the
 * configured partition count; existing topics are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class SessionTopics {

    @Bean
    KafkaAdmin.NewTopics publishedTopics(KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(KafkaTopics.SESSIONS, properties),
                topic(KafkaTopics.CRAMP_NIGHTS, properties),
                topic(KafkaTopics.USER_ERASURES, properties),
                // Where the records this service can never process go, with the reason in their headers.
                topic(KafkaTopics.deadLetter(KafkaTopics.TELEMETRY), properties),
                topic(KafkaTopics.deadLetter(KafkaTopics.DEVICE_EVENTS), properties),
                topic(KafkaTopics.deadLetter(KafkaTopics.DEVICE_STATUS), properties));
    }

    private static NewTopic topic(String name, KafkaTopicProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }
}
