package dev.massager.gateway.mqtt;

import dev.massager.gateway.GatewayProperties;
import dev.massager.gateway.MqttProperties;
import dev.massager.gateway.ingest.InFlight;
import dev.massager.gateway.ingest.IngestPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway instance's subscriber connections. Their client ids derive from the instance id, so a restarted
 * instance resumes its own sessions at the broker.
 */
public final class BrokerSubscriptions implements SmartLifecycle {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final List<SubscriberConnection> connections = new ArrayList<>();
    private final InFlight inFlight;
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;

    public BrokerSubscriptions(GatewayProperties gateway, MqttProperties mqtt, IngestPipeline pipeline)
            throws MqttException {
        this.inFlight = pipeline.inFlight();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mqtt-subscriptions");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 1; i <= mqtt.connections(); i++) {
            connections.add(new SubscriberConnection(clientId(gateway.instanceId(), i), mqtt, pipeline, scheduler));
        }
    }

    @Override
    public void start() {
        connections.forEach(SubscriberConnection::start);
        running = true;
    }

    /**
     * Gives the messages on their way to Kafka a moment to be acknowledged before the connections close: what is
     * still unacknowledged then is sent again by the broker, to another gateway or to this one's next start.
     */
    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (inFlight.count() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        connections.forEach(SubscriberConnection::stop);
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** How many connections are up and subscribed. */
    public long receiving() {
        return connections.stream().filter(SubscriberConnection::isReceiving).count();
    }

    /**
     * {@code gateway_<instance>_<n>}: stable across restarts, so the instance resumes its sessions, and with an
     * underscore, which no device id has, so no device certificate can ever take a gateway session over.
     */
    static String clientId(String instanceId, int connection) {
        return "gateway_" + instanceId + "_" + connection;
    }

    /** How many connections there should be. */
    public int size() {
        return connections.size();
    }
}
