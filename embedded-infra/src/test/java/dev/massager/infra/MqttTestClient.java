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
 * A Paho MQTT 5 client that records what it receives. Its callback never throws: Paho drops the connection if so.
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

    private MqttTestClient(MqttConnection broker, String clientId, Consumer<MqttConnectionOptions> customizer)
            throws MqttException {
        client = new MqttAsyncClient(broker.serverUri(), clientId, new MemoryPersistence());
        client.setCallback(new Recorder());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        customizer.accept(options);
        connectResult = client.connect(options);
        connectResult.waitForCompletion(TIMEOUT_MILLIS);
    }

    static MqttTestClient connect(MqttConnection broker, String clientId) throws MqttException {
        return connect(broker, clientId, options -> {});
    }

    static MqttTestClient connect(MqttConnection broker, String clientId, Consumer<MqttConnectionOptions> customizer)
            throws MqttException {
        return new MqttTestClient(broker, clientId, customizer);
    }

    MqttProperties connAckProperties() {
        return connectResult.getResponseProperties();
    }

    void subscribe(String topicFilter) throws MqttException {
        client.subscribe(topicFilter, 1).waitForCompletion(TIMEOUT_MILLIS);
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload, false);
    }

    void publishRetained(String topic, String payload) throws MqttException {
        publish(topic, payload, true);
    }

    private void publish(String topic, String payload, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained)
                .waitForCompletion(TIMEOUT_MILLIS);
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
        client.close();
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
