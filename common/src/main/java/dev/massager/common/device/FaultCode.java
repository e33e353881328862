package dev.massager.common.device;

/** What went wrong, as the device reports it in a {@code FAULT} event. */
public enum FaultCode {
    OVERPRESSURE,
    LEAK,
    PUMP,
    OVERHEAT,
    BATTERY_LOW
}
