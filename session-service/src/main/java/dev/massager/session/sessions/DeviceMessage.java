package dev.massager.session.sessions;

import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.Fault;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetrySample;
import java.time.Instant;
import java.util.Objects;

/**
 * A telemetry sample or a device event as it reached session-service, with what the gateway recorded beside it.
 *
 * @param deviceId the device that sent it
 * @param payload a {@link TelemetrySample} or a {@link DeviceEvent}
 * @param receivedAt when the gateway received it
 * @param clockSkew whether the gateway found the device clock off by more than its bound
 */
public record DeviceMessage(String deviceId, Object payload, Instant receivedAt, boolean clockSkew) {

    public DeviceMessage {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (!(payload instanceof TelemetrySample || payload instanceof DeviceEvent)) {
            throw new IllegalArgumentException("not a sample or an event: " + payload);
        }
    }

    /** The device's message counter: with the device id it identifies the message. */
    public long seq() {
        return payload instanceof TelemetrySample sample ? sample.seq() : ((DeviceEvent) payload).seq();
    }

    /** Device time: the event time. */
    public Instant ts() {
        return payload instanceof TelemetrySample sample ? sample.ts() : ((DeviceEvent) payload).ts();
    }

    /** The device's own session id, or {@code null} for a fault outside any session. */
    public String session() {
        if (payload instanceof TelemetrySample sample) {
            return sample.session();
        } else if (payload instanceof SessionStarted started) {
            return started.session();
        } else if (payload instanceof SettingsChanged changed) {
            return changed.session();
        } else if (payload instanceof SessionEnded ended) {
            return ended.session();
        } else {
            return ((Fault) payload).session();
        }
    }

    /** The session this message belongs to, or {@code null} when it belongs to none. */
    public SessionKey sessionKey() {
        String session = session();
        return session == null ? null : new SessionKey(deviceId, session);
    }
}
