package dev.massager.session;

import dev.massager.common.topic.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the session service publishes to. Declared here so a fresh cluster gets them with the
 * configured partition count; existing topics are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class SessionTopics {

    @Bean
    KafkaAdmin.NewTopics publishedTopics(KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(KafkaTopics.SESSIONS, properties),
                topic(KafkaTopics.CRAMP_NIGHTS, properties),
                topic(KafkaTopics.USER_ERASURES, properties));
    }

    private static NewTopic topic(String name, KafkaTopicProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }
}
