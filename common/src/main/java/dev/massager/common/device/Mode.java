package dev.massager.common.device;

/** How the chambers inflate. */
public enum Mode {
    /** Foot, then calf, then thigh, one after the other. */
    SEQUENTIAL,
    /** Overlapping inflation travelling up the leg. */
    WAVE,
    /** All chambers together. */
    FULL
}
