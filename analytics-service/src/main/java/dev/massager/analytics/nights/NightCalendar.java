package dev.massager.analytics.nights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps instants to nights in a given zone. The zone is an argument of every call, not a setting: each session and
 * diary entry carries the user's zone at that time, so a user who moves keeps each night in the zone that was theirs
 * then.
 *
 * <p>Local boundaries (D {@code nightStart}, D+1 {@code exposureCutoff}) become instants with
 * {@link ZonedDateTime#of(LocalDate, LocalTime, ZoneId)}: a local time that falls in a daylight-saving gap is moved
 * forward by the length of the gap, and one that occurs twice in an overlap takes the earlier offset. Every query is
 * answered from those instants, so the nights of a zone tile the time line without holes or overlaps: every instant
 * belongs to exactly one night, and {@link #nightOf} always agrees with {@link #bounds}. With the defaults (12:00 and
 * 04:00) no real zone changes its clocks at a boundary, and the rule reads simply as local wall-clock time.
 */
public final class NightCalendar {

    private final NightPolicy policy;

    public NightCalendar(NightPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public NightPolicy policy() {
        return policy;
    }

    /** The night {@code t} belongs to: a local time before {@code nightStart} belongs to the previous date's night. */
    public LocalDate nightOf(Instant t, ZoneId zone) {
        Objects.requireNonNull(t, "t");
        LocalDate date = LocalDate.ofInstant(t, zone);
        return t.isBefore(start(date, zone)) ? date.minusDays(1) : date;
    }

    /**
     * The night a session starting at {@code sessionStart} is exposure for, or empty when it started between the
     * cut-off and {@code nightStart} (a morning session, kept but counted for no night).
     */
    public Optional<LocalDate> exposureNight(Instant sessionStart, ZoneId zone) {
        LocalDate night = nightOf(sessionStart, zone);
        return sessionStart.isBefore(exposureEnd(night, zone)) ? Optional.of(night) : Optional.empty();
    }

    /** The instants of {@code night} in {@code zone}. */
    public NightBounds bounds(LocalDate night, ZoneId zone) {
        Objects.requireNonNull(night, "night");
        return new NightBounds(
                night, zone, start(night, zone), exposureEnd(night, zone), start(night.plusDays(1), zone));
    }

    private Instant start(LocalDate night, ZoneId zone) {
        return ZonedDateTime.of(night, policy.nightStart(), zone).toInstant();
    }

    private Instant exposureEnd(LocalDate night, ZoneId zone) {
        return ZonedDateTime.of(night.plusDays(1), policy.exposureCutoff(), zone)
                .toInstant();
    }
}
