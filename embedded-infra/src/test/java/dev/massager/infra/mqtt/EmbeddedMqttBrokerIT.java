package dev.massager.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.massager.infra.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

class EmbeddedMqttBrokerIT {

    @Test
    void shouldServeItsCaAndBackendAccountOnFixedPortsUntilClosedAndThenLeaveNoFolders() throws Exception {
        int port = Ports.free();
        int devicePort = Ports.free();
        DeviceCa factoryCa = DeviceCa.create("Factory 7 CA");
        Path home;

        try (EmbeddedMqttBroker mqtt = EmbeddedMqttBroker.builder()
                .port(port)
                .devicePort(devicePort)
                .deviceCa(factoryCa)
                .backendAccount("device-gateway", "a long enough password")
                .start()) {
            home = mqtt.home();
            assertThat(mqtt.serverUri()).isEqualTo("tcp://127.0.0.1:" + port);
            assertThat(mqtt.deviceServerUri()).isEqualTo("ssl://127.0.0.1:" + devicePort);
            assertThat(mqtt.deviceCaPem()).isEqualTo(factoryCa.certificatePem());
            assertThat(home.resolve("conf/config.xml"))
                    .content()
                    .contains("<port>" + port + "</port>")
                    .contains("<port>" + devicePort + "</port>");

            assertConnects(mqtt.serverUri(), "gateway_1", backend("device-gateway", "a long enough password"));
            assertConnects(mqtt.deviceServerUri(), "mx-00042", device(mqtt.deviceSocketFactory("mx-00042")));
            // A device of the JVM's shared CA is a stranger to this broker.
            assertThatExceptionOfType(MqttException.class)
                    .isThrownBy(() -> assertConnects(
                            mqtt.deviceServerUri(),
                            "mx-00042",
                            device(DeviceCa.shared().deviceSocketFactory("mx-00042", factoryCa.certificate()))))
                    .satisfies(refusal -> assertThat(refusal).hasRootCauseInstanceOf(SSLException.class));
        }

        Ports.assertClosed(port);
        Ports.assertClosed(devicePort);
        assertThat(home).doesNotExist();
    }

    private static MqttConnectionOptions backend(String username, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        return options;
    }

    private static MqttConnectionOptions device(SSLSocketFactory socketFactory) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(socketFactory);
        return options;
    }

    private static void assertConnects(String serverUri, String clientId, MqttConnectionOptions options)
            throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        try {
            client.connect(options);
            assertThat(client.isConnected()).isTrue();
            client.disconnect();
        } finally {
            client.close(true);
        }
    }
}
