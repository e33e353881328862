package dev.massager.gateway;

import dev.massager.gateway.ingest.IngestPipeline;
import dev.massager.gateway.mqtt.BrokerSubscriptions;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready while every broker connection is up and subscribed, and Kafka takes what it is given. While Kafka is unreachable
 * the messages wait unacknowledged at the broker; reporting that keeps an orchestrator, and a person, informed. Kafka
 * is judged by the traffic itself: with no message to produce, an outage shows only once one arrives.
 */
@Component("ingest")
class IngestHealth implements HealthIndicator {

    private final BrokerSubscriptions subscriptions;
    private final IngestPipeline pipeline;
    private final Duration stallTimeout;

    IngestHealth(BrokerSubscriptions subscriptions, IngestPipeline pipeline, GatewayProperties properties) {
        this.subscriptions = subscriptions;
        this.pipeline = pipeline;
        this.stallTimeout = properties.stallTimeout();
    }

    @Override
    public Health health() {
        long receiving = subscriptions.receiving();
        Duration oldest = pipeline.inFlight().oldest();
        Throwable failure = pipeline.lastFailure();
        Health.Builder health =
                receiving == subscriptions.size() && oldest.compareTo(stallTimeout) < 0 && failure == null
                        ? Health.up()
                        : Health.down();
        health.withDetail("subscribedConnections", receiving + "/" + subscriptions.size())
                .withDetail("inFlight", pipeline.inFlight().count())
                .withDetail("oldestInFlightMillis", oldest.toMillis());
        if (failure != null) {
            health.withDetail("lastKafkaFailure", failure.toString());
        }
        return health.build();
    }
}
