package dev.massager.bench.ingest;

import dev.massager.infra.MqttConnection;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A subscriber that only counts: what the broker alone delivers of the devices' telemetry, on the same backend listener,
 * in a shared subscription and with the same receive maximum as the gateway's, acknowledging each message as soon as
 * it arrives. The gateway's rate is reported as a ratio to this one's.
 *
 * <p>A counter that fell behind is replaced by one in a group of its own: HiveMQ keeps a shared group's queue after its
 * last member is gone and hands it to the next member of that group, and with in-memory persistence every
 * acknowledgement scans that whole queue, so a backlog of a hundred thousand messages drains at about a hundred a
 * second.
 */
final class BrokerCounter implements AutoCloseable {

    private final MqttAsyncClient client;

    private BrokerCounter(MqttAsyncClient client) {
        this.client = client;
    }

    /**
     * Connects and subscribes.
     *
     * @param mqtt the broker
     * @param receiveMaximum unacknowledged messages the broker may send at once, as the gateway's setting
     * @param group the shared subscription group, a new one for a counter that replaces one that fell behind
     * @param arrived told of each message's payload, on Paho's callback thread
     */
    static BrokerCounter subscribe(MqttConnection mqtt, int receiveMaximum, String group, Consumer<byte[]> arrived)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(mqtt.serverUri(), "benchmark_counter", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived.accept(message.getPayload());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                System.err.println("counting subscriber disconnected: " + response);
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                System.err.println("counting subscriber: " + exception);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(mqtt.backendUsername());
        options.setPassword(mqtt.backendPassword().getBytes(StandardCharsets.UTF_8));
        // A fresh session each time, gone with the connection: nothing is queued for this client itself.
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setSocketFactory(new javax.net.SocketFactory() {
            @Override
            public java.net.Socket createSocket() throws java.io.IOException {
                java.net.Socket socket = new java.net.Socket();
                socket.setTcpNoDelay(true);
                return socket;
            }

            @Override
            public java.net.Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(java.net.InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(
                    java.net.InetAddress address, int port, java.net.InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }
        });
        options.setReceiveMaximum(receiveMaximum);
        client.connect(options).waitForCompletion(30_000);
        client.subscribe(new MqttSubscription[] {new MqttSubscription("$share/" + group + "/massagers/+/telemetry", 1)})
                .waitForCompletion(30_000);
        return new BrokerCounter(client);
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(10_000);
        } finally {
            client.close(true);
        }
    }
}
