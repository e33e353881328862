package dev.massager.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.infra.Ports;
import java.nio.file.Path;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

class EmbeddedMqttBrokerIT {

    @Test
    void shouldAcceptClientsOnAFixedPortUntilClosedAndThenLeaveNoFolders() throws Exception {
        int port = Ports.free();
        Path home;

        try (EmbeddedMqttBroker mqtt = EmbeddedMqttBroker.builder().port(port).start()) {
            home = mqtt.home();
            assertThat(mqtt.serverUri()).isEqualTo("tcp://127.0.0.1:" + port);
            assertThat(home.resolve("conf/config.xml")).content().contains("<port>" + port + "</port>");
            MqttClient client = new MqttClient(mqtt.serverUri(), "lifecycle-it", new MemoryPersistence());
            client.connect();
            assertThat(client.isConnected()).isTrue();
            client.disconnect();
            client.close();
        }

        Ports.assertClosed(port);
        assertThat(home).doesNotExist();
    }
}
