package dev.massager.analytics.aggregate;

/** What the diary says about a night; a night without an entry has none (it is unknown, never "no cramps"). */
public enum DiaryState {
    /** At least one cramp. */
    CRAMPS,
    /** Explicitly no cramps. */
    NONE
}
