package dev.massager.common.device;

/** The heating setting. */
public enum Heat {
    OFF,
    LOW,
    HIGH
}
