package dev.massager.api.stream;

import dev.massager.common.PayloadException;
import dev.massager.common.topic.KafkaTopics;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.validation.annotation.Validated;

/**
 * What happens when a listener fails; {@link RecordBatches} always names the record at fault. That record is retried
 * {@link RetryProperties#attempts()} times and then sent to {@code <topic>.dlt} with the exception in its headers; an
 * unreadable record ({@link PayloadException}) goes there at once. When the database is away ({@link
 * DatabaseUnavailable}) the record is retried with a growing pause that never gives up: consumption stops, nothing is
 * dead-lettered, and it resumes by itself when the database is back.
 */
@AutoConfiguration
@ConditionalOnClass({KafkaTemplate.class, DataSource.class})
@EnableConfigurationProperties(KafkaConsumption.RetryProperties.class)
public class KafkaConsumption {

    @Bean
    RecordBatches recordBatches(DataSource dataSource) {
        return new RecordBatches(dataSource);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, RetryProperties retry) {
        var deadLetters = new DeadLetterPublishingRecoverer(
                kafka, (record, exception) -> new TopicPartition(KafkaTopics.deadLetter(record.topic()), -1));
        var outage = new ExponentialBackOff(retry.outageInitialInterval().toMillis(), 2.0);
        outage.setMaxInterval(retry.outageMaxInterval().toMillis());
        var bounded = new FixedBackOff(retry.interval().toMillis(), retry.attempts());
        var handler = new DefaultErrorHandler(deadLetters, bounded);
        handler.setBackOffFunction(
                (record, exception) -> causedBy(exception, DatabaseUnavailable.class) ? outage : bounded);
        handler.addNotRetryableExceptions(PayloadException.class);
        return handler;
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Retries of the consumers.
     *
     * @param attempts retries of a failing record before it is dead-lettered
     * @param interval pause between those retries
     * @param outageInitialInterval first pause while the database is away
     * @param outageMaxInterval longest pause while the database is away
     */
    @Validated
    @ConfigurationProperties("massager.consumer.retry")
    record RetryProperties(
            @Min(0) @DefaultValue("3") long attempts,
            @NotNull @DefaultValue("1s") Duration interval,
            @NotNull @DefaultValue("500ms") Duration outageInitialInterval,
            @NotNull @DefaultValue("30s") Duration outageMaxInterval) {}
}
