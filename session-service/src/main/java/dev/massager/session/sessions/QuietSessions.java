package dev.massager.session.sessions;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes sessions that went quiet without an end event, on a schedule, but only while this instance's consumer of
 * the device topics is caught up: after a restart or a database outage the data of an "quiet" session may simply be
 * waiting in Kafka, and closing it would publish a revision only to reopen it a moment later.
 */
@Component
class QuietSessions {

    private static final Logger log = LoggerFactory.getLogger(QuietSessions.class);

    private final SessionBuilding building;
    private final SessionProperties properties;
    private final KafkaListenerEndpointRegistry listeners;
    private final long maxLag;
    private final Clock clock = Clock.systemUTC();

    QuietSessions(
            SessionBuilding building,
            SessionProperties properties,
            KafkaListenerEndpointRegistry listeners,
            @Value("${spring.kafka.consumer.max-poll-records:500}") long maxLag) {
        this.building = building;
        this.properties = properties;
        this.listeners = listeners;
        this.maxLag = maxLag;
    }

    @Scheduled(
            initialDelayString = "${massager.sessions.close-interval:30s}",
            fixedDelayString = "${massager.sessions.close-interval:30s}")
    void closeQuietSessions() {
        if (!caughtUp()) {
            log.debug("Not closing quiet sessions: the device topics' consumer is behind");
            return;
        }
        try {
            int closed;
            do {
                closed = building.closeQuiet(clock.instant());
            } while (closed == properties.closeBatchSize());
        } catch (RuntimeException e) {
            log.warn("Closing quiet sessions failed, trying again at the next interval: {}", e.toString());
        }
    }

    /**
     * Whether the consumer runs and was less than a batch behind on every partition it read lately. A lag never
     * measured (NaN: nothing fetched in the metrics window, an idle stream) counts as caught up.
     */
    boolean caughtUp() {
        MessageListenerContainer container = listeners.getListenerContainer(DeviceStreamListener.ID);
        if (container == null || !container.isRunning()) {
            return false;
        }
        for (Map<MetricName, ? extends Metric> metrics : container.metrics().values()) {
            for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
                if (metric.getKey().name().equals("records-lag-max")
                        && metric.getKey().group().equals("consumer-fetch-manager-metrics")
                        && metric.getKey().tags().isEmpty()) {
                    double lag = ((Number) metric.getValue().metricValue()).doubleValue();
                    if (lag > maxLag) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
