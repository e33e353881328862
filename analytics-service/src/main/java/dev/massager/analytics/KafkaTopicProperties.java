package dev.massager.analytics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics this service declares are created.
 *
 * @param partitions partitions per topic
 * @param replicationFactor copies of each partition; 1 only for a single local broker
 */
@Validated
@ConfigurationProperties("massager.kafka")
record KafkaTopicProperties(
        @Min(1) @DefaultValue("12") int partitions,
        @Min(1) @DefaultValue("1") short replicationFactor) {}
