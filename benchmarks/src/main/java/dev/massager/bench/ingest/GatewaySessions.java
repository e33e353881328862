package dev.massager.bench.ingest;

import dev.massager.infra.MqttConnection;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Ends a stopped gateway's sessions at the broker. They outlive the gateway (clean start off, a session expiry), and
 * with them its membership of the shared group: the broker would go on queueing every message for that group.
 */
final class GatewaySessions {

    private GatewaySessions() {}

    /**
     * Takes each of the instance's client ids with a clean start and no session expiry, and disconnects: the session
     * and its subscriptions are gone.
     *
     * @param mqtt the broker
     * @param instanceId the gateway's {@code massager.gateway.instance-id}
     * @param connections its {@code massager.mqtt.connections}
     */
    static void end(MqttConnection mqtt, String instanceId, int connections) throws MqttException {
        for (int i = 1; i <= connections; i++) {
            // The gateway's client id for its connection i (BrokerSubscriptions.clientId).
            String clientId = "gateway_" + instanceId + "_" + i;
            MqttAsyncClient client = new MqttAsyncClient(mqtt.serverUri(), clientId, new MemoryPersistence());
            try {
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setUserName(mqtt.backendUsername());
                options.setPassword(mqtt.backendPassword().getBytes(StandardCharsets.UTF_8));
                options.setCleanStart(true);
                options.setSessionExpiryInterval(0L);
                client.connect(options).waitForCompletion(30_000);
                client.disconnect().waitForCompletion(10_000);
            } finally {
                client.close(true);
            }
        }
    }
}
