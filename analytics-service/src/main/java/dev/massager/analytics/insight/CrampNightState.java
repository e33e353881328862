package dev.massager.analytics.insight;

import dev.massager.common.diary.CrampNight;

/** What the diary says about a night. A night without an entry is unknown, never "no cramps". */
public enum CrampNightState {
    /** At least one cramp. */
    CRAMPS,
    /** Explicitly no cramps. */
    NONE,
    /** No entry, or the entry was deleted. */
    UNKNOWN;

    /** The state of a diary entry, {@code null} meaning none. */
    public static CrampNightState of(CrampNight entry) {
        if (entry == null || entry.deleted()) {
            return UNKNOWN;
        }
        return entry.cramps() > 0 ? CRAMPS : NONE;
    }

    /** Whether the night has a diary entry. */
    public boolean observed() {
        return this != UNKNOWN;
    }
}
