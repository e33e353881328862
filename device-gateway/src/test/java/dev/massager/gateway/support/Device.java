package dev.massager.gateway.support;

import static org.awaitility.Awaitility.await;

import dev.massager.infra.MqttConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A simulated massager: an MQTT 5 client with its own certificate on the device listener, publishing QoS 1 as a
 * device does. Keeps a few publishes in flight, below the broker's receive maximum of 10.
 */
public final class Device implements AutoCloseable {

    private static final int WINDOW = 5;

    private final String id;
    private final MqttAsyncClient client;
    private final Deque<IMqttToken> inFlight = new ArrayDeque<>();

    private Device(String id, MqttAsyncClient client) {
        this.id = id;
        this.client = client;
    }

    /** Connects device {@code id} with its own certificate. */
    public static Device connect(MqttConnection mqtt, String id) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(mqtt.deviceServerUri(), id, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(mqtt.deviceSocketFactory(id));
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return new Device(id, client);
    }

    public String id() {
        return id;
    }

    /** Publishes {@code json} on this device's {@code kind} topic ({@code telemetry}, {@code events}, {@code status}). */
    public void publish(String kind, String json) throws MqttException {
        publish("massagers/" + id + "/" + kind, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes raw bytes, QoS 1, on any topic. */
    public void publish(String topic, byte[] payload) throws MqttException {
        while (inFlight.size() >= WINDOW) {
            inFlight.removeFirst().waitForCompletion(30_000);
        }
        // Paho completes a token on PUBACK but frees its in-flight slot a little later, on its own thread.
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> client.getInFlightMessageCount() < WINDOW);
        MqttMessage message = new MqttMessage(payload, 1, false, null);
        inFlight.addLast(client.publish(topic, message));
    }

    /** Waits until the broker acknowledged everything published. */
    public void flush() throws MqttException {
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().waitForCompletion(30_000);
        }
    }

    /** A telemetry sample in the device contract's format. */
    public static String sample(long seq, String session) {
        return """
                {"v":1,"seq":%d,"ts":"%s","session":"%s","mode":"WAVE","intensity":2,"heat":"LOW",\
                "pressure":{"foot":42,"calf":58,"thigh":51},"battery":81}""".formatted(seq, java.time.Instant.now(), session);
    }

    @Override
    public void close() throws MqttException {
        try {
            flush();
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close();
        }
    }
}
