package dev.massager.analytics.nights;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One night as instants: the night is {@code [start, end)} and its exposure window {@code [start, exposureEnd)}.
 *
 * @param night the local date D the night is named after
 * @param zone the zone the night was computed in
 * @param start D {@code nightStart}, local
 * @param exposureEnd D+1 {@code exposureCutoff}, local
 * @param end D+1 {@code nightStart}, local: the start of the next night
 */
public record NightBounds(LocalDate night, ZoneId zone, Instant start, Instant exposureEnd, Instant end) {

    public NightBounds {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(exposureEnd, "exposureEnd");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(exposureEnd) || exposureEnd.isAfter(end)) {
            throw new IllegalArgumentException(
                    "need start < exposureEnd <= end, got " + start + ", " + exposureEnd + ", " + end);
        }
    }

    /** 24 hours, or 23 or 25 when a daylight-saving change falls in the night. */
    public Duration length() {
        return Duration.between(start, end);
    }

    /** Whether {@code t} belongs to this night. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** Whether a session starting at {@code t} is exposure for this night. */
    public boolean isExposure(Instant t) {
        return !t.isBefore(start) && t.isBefore(exposureEnd);
    }
}
