package dev.massager.analytics.cohort;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One cohort figure, or the statement that it is suppressed because fewer than k users stand behind it; a
 * suppressed cell carries no number at all.
 *
 * @param key what the figure is of (a mode, a level, a firmware version); absent where the context says it
 * @param value the figure, {@code null} when suppressed
 * @param users how many users stand behind it, {@code null} when suppressed
 * @param suppressed whether it is withheld
 */
public record Cell(
        @JsonInclude(JsonInclude.Include.NON_NULL) String key, Double value, Integer users, boolean suppressed) {

    static Cell of(String key, double value, int users, int minimumUsers) {
        return users < minimumUsers ? new Cell(key, null, null, true) : new Cell(key, value, users, false);
    }

    static Cell of(double value, int users, int minimumUsers) {
        return of(null, value, users, minimumUsers);
    }
}
