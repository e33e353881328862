package dev.massager.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.infra.mqtt.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the ingest benchmark relies on when it restarts a gateway that fell behind: with the stopped gateway's sessions
 * ended and a new shared group, the restarted gateway gets none of the backlog, only what is published from then on.
 */
class GatewaySessionsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String INSTANCE = "bench";
    private static final String TELEMETRY = "massagers/+/telemetry";

    private EmbeddedMqttBroker broker;
    private MqttAsyncClient publisher;

    @BeforeEach
    void startBroker() throws MqttException {
        broker = EmbeddedMqttBroker.builder().start();
        publisher = client("benchmark_publisher");
        publisher.connect(options(true)).waitForCompletion(30_000);
    }

    @AfterEach
    void stopBroker() throws MqttException {
        try {
            publisher.disconnect().waitForCompletion(10_000);
            publisher.close(true);
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldStartTheRestartedGatewayInANewGroupWithoutTheBacklog() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        leaveABacklogAndEndTheSession(received);

        MqttAsyncClient restarted = gateway("$share/device-gateway-2/" + TELEMETRY, received);
        try {
            publish("fresh", 20);

            await().atMost(PATIENCE)
                    .until(() -> received.stream()
                                    .filter(payload -> payload.startsWith("fresh"))
                                    .count()
                            == 20);
            assertThat(received).noneMatch(payload -> payload.startsWith("backlog"));
        } finally {
            restarted.disconnect().waitForCompletion(10_000);
            restarted.close(true);
        }
    }

    @Test
    void shouldHandAGroupsBacklogToItsNextMemberEvenAfterTheLastOneLeft() throws Exception {
        // Why the benchmark needs a new group: HiveMQ keeps the group's queue when its last member's session ends.
        Set<String> received = ConcurrentHashMap.newKeySet();
        leaveABacklogAndEndTheSession(received);

        MqttAsyncClient restarted = gateway("$share/device-gateway/" + TELEMETRY, received);
        try {
            await().atMost(PATIENCE).until(() -> received.size() == 50);
        } finally {
            restarted.disconnect().waitForCompletion(10_000);
            restarted.close(true);
        }
    }

    /**
     * The gateway's first connection, as it connects: a session that outlives it, in the group device-gateway. It
     * leaves, 50 messages are queued for the group, and the benchmark ends the gateway's sessions.
     */
    private void leaveABacklogAndEndTheSession(Set<String> received) throws Exception {
        MqttAsyncClient first = gateway("$share/device-gateway/" + TELEMETRY, received);
        first.disconnect().waitForCompletion(10_000);
        first.close(true);
        publish("backlog", 50);
        GatewaySessions.end(broker, INSTANCE, 1);
    }

    /** Connects as the gateway's connection 1 does (clean start off, a session expiry) and subscribes. */
    private MqttAsyncClient gateway(String filter, Set<String> received) throws MqttException {
        MqttAsyncClient client = client("gateway_" + INSTANCE + "_1");
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
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
        });
        client.connect(options(false)).waitForCompletion(30_000);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)})
                .waitForCompletion(30_000);
        return client;
    }

    private void publish(String prefix, int count) throws MqttException {
        for (int i = 0; i < count; i++) {
            publisher
                    .publish(
                            "massagers/d-" + i + "/telemetry",
                            (prefix + "-" + i).getBytes(StandardCharsets.UTF_8),
                            1,
                            false)
                    .waitForCompletion(30_000);
        }
    }

    private MqttAsyncClient client(String clientId) throws MqttException {
        return new MqttAsyncClient(broker.serverUri(), clientId, new MemoryPersistence());
    }

    private MqttConnectionOptions options(boolean cleanStart) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(broker.backendUsername());
        options.setPassword(broker.backendPassword().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(cleanStart ? 0L : 3_600L);
        return options;
    }
}
