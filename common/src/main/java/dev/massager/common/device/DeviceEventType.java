package dev.massager.common.device;

/** The {@code "type"} of a device event; the wire carries these names. */
public enum DeviceEventType {
    SESSION_STARTED(SessionStarted.class),
    SETTINGS_CHANGED(SettingsChanged.class),
    SESSION_ENDED(SessionEnded.class),
    FAULT(Fault.class);

    private final Class<? extends DeviceEvent> recordType;

    DeviceEventType(Class<? extends DeviceEvent> recordType) {
        this.recordType = recordType;
    }

    /** The record that carries events of this type. */
    public Class<? extends DeviceEvent> recordType() {
        return recordType;
    }
}
