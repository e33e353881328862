package dev.massager.infra;

import javax.net.ssl.SSLSocketFactory;

/**
 * How clients reach the MQTT broker (MQTT 5 and 3.1.1). It has two listeners, as in production: one for devices (TLS,
 * each with its own client certificate, publishing under {@code massagers/{its id}/} only) and one for backend clients
 * (plain TCP, username and password, every permission).
 *
 * <pre>{@code
 * // a backend client, such as the gateway: its client id must not look like a device id
 * MqttConnectionOptions backend = new MqttConnectionOptions();
 * backend.setUserName(mqtt.backendUsername());
 * backend.setPassword(mqtt.backendPassword().getBytes(StandardCharsets.UTF_8));
 * new MqttAsyncClient(mqtt.serverUri(), "gateway_1", new MemoryPersistence()).connect(backend);
 *
 * // a device: its client id must be its device id
 * MqttConnectionOptions device = new MqttConnectionOptions();
 * device.setSocketFactory(mqtt.deviceSocketFactory("mx-00042"));
 * new MqttAsyncClient(mqtt.deviceServerUri(), "mx-00042", new MemoryPersistence()).connect(device);
 * }</pre>
 */
public interface MqttConnection {

    /**
     * The URI of the backend listener.
     *
     * @return for example {@code tcp://127.0.0.1:40125}
     */
    String serverUri();

    /**
     * The username of backend clients on {@link #serverUri()}.
     *
     * @return the username
     */
    String backendUsername();

    /**
     * The password of backend clients on {@link #serverUri()}.
     *
     * @return the password
     */
    String backendPassword();

    /**
     * The URI of the device listener.
     *
     * @return for example {@code ssl://127.0.0.1:40126}
     */
    String deviceServerUri();

    /**
     * A socket factory for a device on {@link #deviceServerUri()}: it presents the device's certificate, issued on
     * first use by the CA the broker trusts, and trusts the broker's certificate.
     *
     * @param deviceId the device id, which must also be the client id; it must match the device contract's pattern
     * @return a factory for Paho's {@code setSocketFactory}
     */
    SSLSocketFactory deviceSocketFactory(String deviceId);

    /**
     * The certificate of the CA that issues device certificates and the broker's, in PEM.
     *
     * @return {@code -----BEGIN CERTIFICATE----- ...}
     */
    String deviceCaPem();
}
