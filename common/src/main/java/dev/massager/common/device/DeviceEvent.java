package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Something that happened on a device (schema {@code device-event.schema.json}). On the wire the
 * {@code "type"} field holds the {@link DeviceEventType} name, never a Java class name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SessionStarted.class, name = "SESSION_STARTED"),
    @JsonSubTypes.Type(value = SettingsChanged.class, name = "SETTINGS_CHANGED"),
    @JsonSubTypes.Type(value = SessionEnded.class, name = "SESSION_ENDED"),
    @JsonSubTypes.Type(value = Fault.class, name = "FAULT")
})
public sealed interface DeviceEvent permits SessionStarted, SettingsChanged, SessionEnded, Fault {

    /** The payload version; always {@value DeviceLimits#VERSION}, the only one this code reads. */
    @JsonProperty("v")
    default int v() {
        return DeviceLimits.VERSION;
    }

    /** The device's own message counter; with the device id it identifies the message. */
    long seq();

    /** The device clock when it happened: event time, which may be skewed. */
    Instant ts();

    /** The discriminator written as {@code "type"}. */
    DeviceEventType type();
}
