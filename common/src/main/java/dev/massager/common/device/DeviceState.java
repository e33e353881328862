package dev.massager.common.device;

/** Connection state in the retained status message; the broker publishes {@code OFFLINE} as the Last Will. */
public enum DeviceState {
    ONLINE,
    OFFLINE
}
