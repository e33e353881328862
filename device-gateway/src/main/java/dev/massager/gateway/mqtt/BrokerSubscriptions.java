package dev.massager.gateway.mqtt;

import dev.massager.gateway.GatewayProperties;
import dev.massager.gateway.MqttProperties;
import dev.massager.gateway.ingest.IngestPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway instance's subscriber connections. Their client ids derive from the instance id, so a restarted
 * instance resumes its own sessions at the broker.
 */
public final class BrokerSubscriptions implements SmartLifecycle {

    private final List<SubscriberConnection> connections = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;

    public BrokerSubscriptions(GatewayProperties gateway, MqttProperties mqtt, IngestPipeline pipeline)
            throws MqttException {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mqtt-subscriptions");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 1; i <= mqtt.connections(); i++) {
            connections.add(new SubscriberConnection(gateway.instanceId() + "-" + i, mqtt, pipeline, scheduler));
        }
    }

    @Override
    public void start() {
        connections.forEach(SubscriberConnection::start);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        connections.forEach(SubscriberConnection::stop);
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** How many connections are up. */
    public long connected() {
        return connections.stream().filter(SubscriberConnection::isConnected).count();
    }

    /** How many connections there should be. */
    public int size() {
        return connections.size();
    }
}
