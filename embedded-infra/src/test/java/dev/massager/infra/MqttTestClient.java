package dev.massager.infra;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 client that records what it receives: a backend client ({@link #backend}) or a device ({@link
 * #device}). Its callback never throws: Paho drops the connection if so.
 *
 * <p>Paho completes a QoS 1 publish when the PUBACK arrives but frees the in-flight slot later, on its callback thread;
 * a fast loop of "synchronous" publishes then fails with "Too many publishes in progress" once the broker's receive
 * maximum (10 for HiveMQ) is reached. {@link #publish} therefore also waits for the slot.
 */
final class MqttTestClient implements AutoCloseable {

    /** One received PUBLISH. */
    record Received(String topic, String payload, boolean retained) {}

    private static final long TIMEOUT_MILLIS = 10_000;

    private final MqttAsyncClient client;

    private final IMqttToken connectResult;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttTestClient(String serverUri, String clientId, Consumer<MqttConnectionOptions> customizer)
            throws MqttException {
        client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        client.setCallback(new Recorder());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        customizer.accept(options);
        try {
            connectResult = client.connect(options);
            connectResult.waitForCompletion(TIMEOUT_MILLIS);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
    }

    /** A backend client on the backend listener, logged in with the backend account. */
    static MqttTestClient backend(MqttConnection broker, String clientId) throws MqttException {
        return backend(broker, clientId, options -> {});
    }

    /** A backend client; its id gets the prefix {@code backend_}, since the broker refuses ids a device could have. */
    static MqttTestClient backend(MqttConnection broker, String clientId, Consumer<MqttConnectionOptions> customizer)
            throws MqttException {
        return new MqttTestClient(broker.serverUri(), "backend_" + clientId, options -> {
            options.setUserName(broker.backendUsername());
            options.setPassword(broker.backendPassword().getBytes(StandardCharsets.UTF_8));
            customizer.accept(options);
        });
    }

    /** A device on the device listener, with its own certificate and its id as client id. */
    static MqttTestClient device(MqttConnection broker, String deviceId) throws MqttException {
        return device(broker, deviceId, options -> {});
    }

    static MqttTestClient device(MqttConnection broker, String deviceId, Consumer<MqttConnectionOptions> customizer)
            throws MqttException {
        return new MqttTestClient(broker.deviceServerUri(), deviceId, options -> {
            options.setSocketFactory(broker.deviceSocketFactory(deviceId));
            customizer.accept(options);
        });
    }

    /** Any client on any listener, set up entirely by the customizer. */
    static MqttTestClient connect(String serverUri, String clientId, Consumer<MqttConnectionOptions> customizer)
            throws MqttException {
        return new MqttTestClient(serverUri, clientId, customizer);
    }

    MqttProperties connAckProperties() {
        return connectResult.getResponseProperties();
    }

    void subscribe(String topicFilter) throws MqttException {
        IMqttToken token = client.subscribe(topicFilter, 1);
        token.waitForCompletion(TIMEOUT_MILLIS);
        if (token.getReasonCodes()[0] >= 0x80) {
            throw new IllegalStateException("Subscription refused with reason code " + token.getReasonCodes()[0]);
        }
    }

    /**
     * Subscribes and returns the SUBACK's reason codes, which are 0x80 or more for a refused subscription.
     *
     * @return the reason code of each topic filter
     */
    int[] trySubscribe(String topicFilter) throws MqttException {
        IMqttToken token = client.subscribe(topicFilter, 1);
        token.waitForCompletion(TIMEOUT_MILLIS);
        return token.getReasonCodes();
    }

    /**
     * Publishes once and returns the acknowledgement's reason code: 0 for a QoS 1 publish the broker accepted, 0x87
     * (not authorized) for one it refused. A QoS 0 publish has no acknowledgement: 0 once it is sent.
     */
    /**
     * Publishes and returns the PUBACK reason code, or {@link #CLOSED_WITHOUT_PUBACK} when the broker closed the
     * connection first: HiveMQ sends the refusing PUBACK and then disconnects, and Paho sometimes drops that PUBACK
     * together with the connection, leaving the token incomplete forever.
     */
    int tryPublish(String topic, String payload, int qos, boolean retained) throws MqttException {
        IMqttToken token = client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
        await().atMost(Duration.ofMillis(TIMEOUT_MILLIS)).until(() -> token.isComplete() || !client.isConnected());
        if (!token.isComplete()) {
            return CLOSED_WITHOUT_PUBACK;
        }
        int[] reasonCodes = token.getReasonCodes();
        return reasonCodes == null || reasonCodes.length == 0 ? 0 : reasonCodes[0];
    }

    /** What {@link #tryPublish} returns when the broker closed the connection before a PUBACK arrived. */
    static final int CLOSED_WITHOUT_PUBACK = -1;

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload, false);
    }

    void publishRetained(String topic, String payload) throws MqttException {
        publish(topic, payload, true);
    }

    private void publish(String topic, String payload, boolean retained) throws MqttException {
        IMqttToken token = client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
        token.waitForCompletion(TIMEOUT_MILLIS);
        if (token.getReasonCodes() != null && token.getReasonCodes()[0] >= 0x80) {
            throw new IllegalStateException("Publish refused with reason code " + token.getReasonCodes()[0]);
        }
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> client.getInFlightMessageCount() == 0);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> payloads() {
        return received.stream().map(Received::payload).toList();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** A normal disconnect: sends DISCONNECT (reason 0), so the broker discards the Last Will. */
    void disconnect() throws MqttException {
        client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            disconnect();
        }
        // Forced: a client the broker disconnected may still count an unacknowledged publish.
        client.close(true);
    }

    private final class Recorder implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(
                    topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
