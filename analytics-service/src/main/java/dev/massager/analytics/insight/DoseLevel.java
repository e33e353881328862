package dev.massager.analytics.insight;

import java.util.Objects;

/**
 * One level of a dose-response breakdown, such as {@code "10-20"} minutes, mode {@code "WAVE"} or intensity
 * {@code "2"}.
 *
 * @param level the level's name
 * @param tally the nights with sessions at this level and their cramp nights
 */
public record DoseLevel(String level, NightTally tally) {

    public DoseLevel {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(tally, "tally");
    }
}
