package dev.massager.simulator.mqtt;

import dev.massager.common.topic.MqttTopic;
import dev.massager.infra.mqtt.DroppableSocketFactory;
import dev.massager.simulator.device.DeviceMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One device's connection to the broker, as a massager holds it: its certificate, client id = device id, clean start,
 * a retained ONLINE status on connect and a Last Will that sets OFFLINE. Messages go at QoS 1; {@link #publish}
 * completes when the broker acknowledged, and fails on a refusal (a PUBACK reason code of 0x80 or more).
 *
 * <p>Paho frees an in-flight slot on its callback thread only after completing the token, so a sender that waits for
 * each acknowledgement can still find all slots taken: {@link #publish} keeps below the broker's receive maximum and
 * retries the rare "too many publishes in progress".
 */
public final class DeviceLink implements AutoCloseable {

    /** Below HiveMQ's receive maximum of 10. */
    private static final int IN_FLIGHT = 8;

    private static final long TIMEOUT_MILLIS = 30_000;

    private final MqttAsyncClient client;
    private final String deviceId;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicBoolean closed = new AtomicBoolean();

    private final DroppableSocketFactory sockets;

    private DeviceLink(MqttAsyncClient client, String deviceId, DroppableSocketFactory sockets) {
        this.client = client;
        this.deviceId = deviceId;
        this.sockets = sockets;
    }

    /**
     * Connects and publishes {@code online} as the retained status.
     *
     * @param serverUri the broker's device listener, e.g. {@code ssl://127.0.0.1:8883}
     * @param deviceId the device
     * @param credentials its certificate
     * @param online the ONLINE status payload
     * @param lastWill the OFFLINE status payload the broker publishes if the connection is lost
     */
    public static DeviceLink connect(
            String serverUri, String deviceId, DeviceCredentials credentials, byte[] online, byte[] lastWill) {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(serverUri, deviceId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(deviceId + " could not connect to " + serverUri + ": " + e.getMessage(), e);
        }
        DroppableSocketFactory sockets = new DroppableSocketFactory(credentials.socketFactory(deviceId));
        DeviceLink link = new DeviceLink(client, deviceId, sockets);
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(sockets);
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval(30);
            options.setConnectionTimeout(30);
            MqttMessage will = new MqttMessage(lastWill, 1, true, null);
            options.setWill(status(deviceId), will);
            client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
            link.publish(status(deviceId), online, true).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return link;
        } catch (Exception e) {
            link.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    deviceId + " could not connect to " + serverUri + ": " + cause.getMessage(), cause);
        }
    }

    public String deviceId() {
        return deviceId;
    }

    /** Publishes {@code message} at QoS 1; the future completes when the broker acknowledged it. */
    public CompletableFuture<Void> publish(DeviceMessage message) {
        return publish(message.topic().topic(), message.payload(), false);
    }

    /** Publishes {@code offline} as the retained status, then disconnects: the broker then sends no Last Will. */
    public void disconnect(byte[] offline) {
        try {
            publish(status(deviceId), offline, true).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        } catch (Exception e) {
            throw new IllegalStateException(deviceId + " could not disconnect cleanly: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    /**
     * Drops the connection as a device that loses power does, so the broker publishes the Last Will; after a clean
     * {@link #disconnect} it only releases the client. Later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sockets.dropConnections();
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException | RuntimeException e) {
            // The connection is gone already (Paho throws a NullPointerException for a client never connected).
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Nothing left to release.
        }
    }

    private CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        inFlight.acquireUninterruptibly();
        MqttActionListener listener = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inFlight.release();
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    acknowledged.completeExceptionally(new IllegalStateException(String.format(
                            "broker refused %s's message on %s: reason code 0x%02X", deviceId, topic, codes[0])));
                } else {
                    acknowledged.complete(null);
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                inFlight.release();
                acknowledged.completeExceptionally(failure);
            }
        };
        while (true) {
            try {
                client.publish(topic, new MqttMessage(payload, 1, retained, null), null, listener);
                return acknowledged;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    inFlight.release();
                    acknowledged.completeExceptionally(e);
                    return acknowledged;
                }
                LockSupport.parkNanos(200_000);
            } catch (RuntimeException e) {
                inFlight.release();
                acknowledged.completeExceptionally(e);
                return acknowledged;
            }
        }
    }

    private static String status(String deviceId) {
        return MqttTopic.of(deviceId, MqttTopic.Kind.STATUS).topic();
    }
}
