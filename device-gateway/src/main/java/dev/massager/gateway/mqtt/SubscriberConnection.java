package dev.massager.gateway.mqtt;

import dev.massager.gateway.MqttProperties;
import dev.massager.gateway.ingest.IngestPipeline;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber connection to the broker, in the shared group. Its session outlives it (clean start off, a session
 * expiry), so messages published while the gateway is down wait at the broker. Every message is acknowledged by hand,
 * only after Kafka took all its records; when Kafka does not, the connection is dropped and made again, and the broker
 * sends the unacknowledged messages once more.
 *
 * <p>Paho calls {@link #messageArrived} on its single callback thread: nothing here blocks or throws there, and
 * subscribing or reconnecting happens on the scheduler, since doing either inside a callback can deadlock Paho.
 */
final class SubscriberConnection implements MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(SubscriberConnection.class);
    private static final long MAX_RETRY_DELAY_SECONDS = 10;

    private final MqttAsyncClient client;
    private final MqttProperties properties;
    private final IngestPipeline pipeline;
    private final ScheduledExecutorService scheduler;

    /**
     * Counts the connections lost. An acknowledgement is sent only on the connection its message came on: after a
     * reconnection the broker may resend a message under another packet id and give the old id to a new message, which
     * a late acknowledgement would then confirm before Kafka has it. The count goes up, under {@link #ackLock}, as soon
     * as a connection is known lost, before a new one can be made.
     */
    private final AtomicInteger generation = new AtomicInteger();

    private final Object ackLock = new Object();
    private volatile boolean subscribed;

    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private volatile boolean running;
    private final AtomicInteger attempts = new AtomicInteger();

    SubscriberConnection(
            String clientId, MqttProperties properties, IngestPipeline pipeline, ScheduledExecutorService scheduler)
            throws MqttException {
        this.client = new MqttAsyncClient(properties.serverUri().toString(), clientId, new MemoryPersistence());
        this.properties = properties;
        this.pipeline = pipeline;
        this.scheduler = scheduler;
        client.setManualAcks(true);
        client.setCallback(this);
    }

    void start() {
        running = true;
        scheduler.execute(this::connect);
    }

    void stop() {
        running = false;
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(6_000);
            }
        } catch (MqttException e) {
            log.debug("Disconnecting {}", client.getClientId(), e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing {}", client.getClientId(), e);
        }
    }

    /** Whether the connection is up and subscribed: only then does it receive anything. */
    boolean isReceiving() {
        return subscribed && client.isConnected();
    }

    String clientId() {
        return client.getClientId();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        int messageGeneration = generation.get();
        pipeline.ingest(topic, message.getPayload(), inKafka -> {
            if (inKafka) {
                acknowledge(message, messageGeneration);
            } else if (messageGeneration == generation.get()) {
                // Only the current connection is dropped: a message of an earlier one is being resent already.
                reconnectForRedelivery();
            }
        });
    }

    private void acknowledge(MqttMessage message, int messageGeneration) {
        if (message.getQos() == 0) {
            return;
        }
        synchronized (ackLock) {
            if (messageGeneration != generation.get()) {
                return;
            }
            try {
                client.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException | RuntimeException e) {
                // The connection went away: the broker will send the message again.
                log.debug("Could not acknowledge message {} on {}", message.getId(), client.getClientId(), e);
            }
        }
    }

    /** Marks the current connection as gone: acknowledgements still due for its messages are dropped. */
    private void connectionGone() {
        subscribed = false;
        synchronized (ackLock) {
            generation.incrementAndGet();
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        attempts.set(0);
        log.info("{} connected to {}", client.getClientId(), serverUri);
        // The session may already hold the subscriptions; subscribing again is harmless and covers a new session.
        scheduler.execute(this::subscribe);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connectionGone();
        log.warn("{} lost its connection: {}", client.getClientId(), response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("{}: MQTT error", client.getClientId(), exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}

    private void connect() {
        if (!running || client.isConnected()) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {}

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    log.warn(
                            "{} could not connect to {}: {}",
                            client.getClientId(),
                            client.getServerURI(),
                            failure.toString());
                    retryLater();
                }
            });
        } catch (MqttException e) {
            log.warn("{} could not connect: {}", client.getClientId(), e.toString());
            retryLater();
        }
    }

    private void retryLater() {
        if (running) {
            long delay = Math.min(MAX_RETRY_DELAY_SECONDS, 1L << Math.min(attempts.getAndIncrement(), 4));
            scheduler.schedule(this::connect, delay, TimeUnit.SECONDS);
        }
    }

    private void subscribe() {
        MqttSubscription[] subscriptions = properties.sharedFilters().stream()
                .map(filter -> new MqttSubscription(filter, 1))
                .toArray(MqttSubscription[]::new);
        try {
            IMqttToken token = client.subscribe(subscriptions);
            token.waitForCompletion(10_000);
            // Paho reports a refused subscription only in the SUBACK's reason codes.
            for (int reasonCode : token.getReasonCodes()) {
                if (reasonCode >= 0x80) {
                    throw new MqttException(reasonCode);
                }
            }
            subscribed = true;
        } catch (MqttException e) {
            log.error(
                    "{} could not subscribe to {}; reconnecting", client.getClientId(), properties.sharedFilters(), e);
            reconnectForRedelivery();
        }
    }

    /** Drops and remakes the connection, so that the broker resends what was not acknowledged. */
    private void reconnectForRedelivery() {
        if (!running || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        scheduler.schedule(
                () -> {
                    connectionGone();
                    try {
                        if (client.isConnected()) {
                            client.disconnect(0).waitForCompletion(5_000);
                        }
                    } catch (MqttException e) {
                        log.debug("Disconnecting {} for redelivery", client.getClientId(), e);
                    } finally {
                        reconnecting.set(false);
                        connect();
                    }
                },
                1,
                TimeUnit.SECONDS);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(properties.sessionExpiry().toSeconds());
        options.setReceiveMaximum(properties.receiveMaximum());
        options.setKeepAliveInterval((int) properties.keepAlive().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, (int) MAX_RETRY_DELAY_SECONDS);
        options.setSocketFactory(NoDelaySockets.forServer(properties.serverUri()));
        if (!properties.username().isEmpty()) {
            options.setUserName(properties.username());
            options.setPassword(properties.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }
}
