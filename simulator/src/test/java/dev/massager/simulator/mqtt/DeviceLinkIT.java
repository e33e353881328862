package dev.massager.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.topic.MqttTopic;
import dev.massager.infra.MqttConnection;
import dev.massager.infra.junit.InfrastructureExtension;
import dev.massager.simulator.device.DeviceBehaviour;
import dev.massager.simulator.device.DeviceMemory;
import dev.massager.simulator.device.DeviceMessage;
import dev.massager.simulator.fleet.PlannedSession;
import dev.massager.simulator.fleet.VirtualDevice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A simulated device on the real broker, secured as in production, seen by a backend subscriber. */
@ExtendWith(InfrastructureExtension.class)
class DeviceLinkIT {

    private final PayloadCodec codec = new PayloadCodec();

    private final String deviceId = "sim-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<MqttMessage> received = new CopyOnWriteArrayList<>();

    private final List<String> topics = new CopyOnWriteArrayList<>();

    private MqttAsyncClient observer;

    @AfterEach
    void closeObserver() throws MqttException {
        if (observer != null) {
            observer.disconnectForcibly(0, 1_000, false);
            observer.close(true);
        }
    }

    @Test
    void shouldDeliverASessionInOrderBetweenAnOnlineAndAnOfflineStatus(MqttConnection mqtt) throws Exception {
        observe(mqtt);
        DeviceMemory memory = new DeviceMemory(new VirtualDevice(deviceId, "ABCDEFGH", "2.3.1", Duration.ZERO));
        DeviceBehaviour behaviour = new DeviceBehaviour(codec, Duration.ofSeconds(1));
        List<DeviceMessage> session = behaviour.session(
                new PlannedSession(
                        "s-1",
                        Instant.parse("2026-10-24T19:30:00Z"),
                        10,
                        new PlannedSession.Settings(Mode.WAVE, 2, Heat.OFF),
                        List.of(),
                        Duration.ofSeconds(30),
                        EndReason.USER,
                        Optional.empty(),
                        false),
                memory);

        DeviceLink link = DeviceLink.connect(
                mqtt.deviceServerUri(),
                deviceId,
                mqtt::deviceSocketFactory,
                status(DeviceState.ONLINE),
                status(DeviceState.OFFLINE));
        for (DeviceMessage message : session) {
            link.publish(message).join();
        }
        link.disconnect(status(DeviceState.OFFLINE));

        await().untilAsserted(() -> assertThat(received).hasSize(session.size() + 2));
        assertThat(state(received.get(0))).isEqualTo(DeviceState.ONLINE);
        assertThat(received.subList(1, session.size() + 1))
                .extracting(MqttMessage::getPayload)
                .containsExactlyElementsOf(
                        session.stream().map(DeviceMessage::payload).toList());
        assertThat(state(received.get(received.size() - 1))).isEqualTo(DeviceState.OFFLINE);
    }

    @Test
    void shouldLeaveItsLastWillWhenTheConnectionDrops(MqttConnection mqtt) throws Exception {
        observe(mqtt);
        DeviceLink link = DeviceLink.connect(
                mqtt.deviceServerUri(),
                deviceId,
                mqtt::deviceSocketFactory,
                status(DeviceState.ONLINE),
                status(DeviceState.OFFLINE));

        link.close();

        await().atMost(java.time.Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(received)
                        .extracting(this::state)
                        .containsExactly(DeviceState.ONLINE, DeviceState.OFFLINE));
    }

    @Test
    void shouldFailAPublishTheBrokerRefuses(MqttConnection mqtt) {
        DeviceLink link = DeviceLink.connect(
                mqtt.deviceServerUri(),
                deviceId,
                mqtt::deviceSocketFactory,
                status(DeviceState.ONLINE),
                status(DeviceState.OFFLINE));
        try {
            DeviceMessage elsewhere = new DeviceMessage(
                    MqttTopic.of("sim-someone-else", MqttTopic.Kind.TELEMETRY),
                    "{}".getBytes(StandardCharsets.UTF_8),
                    Instant.now(),
                    1);

            assertThatThrownBy(() -> link.publish(elsewhere).join())
                    .isInstanceOf(CompletionException.class)
                    .hasMessageContaining("0x87");
        } finally {
            link.close();
        }
    }

    @Test
    void shouldNotConnectWithACertificateOfAnotherDevice(MqttConnection mqtt) {
        assertThatThrownBy(() -> DeviceLink.connect(
                        mqtt.deviceServerUri(),
                        deviceId,
                        id -> mqtt.deviceSocketFactory("sim-impostor"),
                        status(DeviceState.ONLINE),
                        status(DeviceState.OFFLINE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(deviceId + " could not connect");
    }

    private byte[] status(DeviceState state) {
        return codec.encode(new DeviceStatus(state, Instant.now(), "2.3.1"));
    }

    private DeviceState state(MqttMessage message) {
        return codec.decode(message.getPayload(), DeviceStatus.class).state();
    }

    private void observe(MqttConnection mqtt) throws MqttException {
        observer = new MqttAsyncClient(mqtt.serverUri(), "observer_" + deviceId, new MemoryPersistence());
        observer.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                topics.add(topic);
                received.add(message);
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
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(mqtt.backendUsername());
        options.setPassword(mqtt.backendPassword().getBytes(StandardCharsets.UTF_8));
        observer.connect(options).waitForCompletion(10_000);
        observer.subscribe("massagers/" + deviceId + "/#", 1).waitForCompletion(10_000);
    }
}
