package dev.massager.infra;

/** How a client reaches the MQTT broker (MQTT 5 and 3.1.1). */
public interface MqttConnection {

    /**
     * The URI of the broker's plain TCP listener.
     *
     * @return for example {@code tcp://127.0.0.1:40125}
     */
    String serverUri();
}
