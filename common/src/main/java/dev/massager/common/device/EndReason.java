package dev.massager.common.device;

/** Why a session ended, as the device reports it in {@code SESSION_ENDED}. */
public enum EndReason {
    /** The 10/15/20 minute timer ran out. */
    TIMER,
    /** The user stopped it. */
    USER,
    /** A fault stopped it; a {@code FAULT} event says which. */
    FAULT,
    /** The battery ran too low. */
    BATTERY,
    /** Power was lost; reported after the device came back. */
    POWER_LOSS
}
