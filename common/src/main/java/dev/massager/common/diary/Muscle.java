package dev.massager.common.diary;

/** Where a cramp struck. */
public enum Muscle {
    CALF_LEFT,
    CALF_RIGHT,
    FOOT_LEFT,
    FOOT_RIGHT,
    THIGH_LEFT,
    THIGH_RIGHT
}
