package dev.massager.analytics.nights;

import java.time.LocalTime;
import java.util.Objects;

/**
 * Where nights begin and until when a session still counts as exposure for the night (DESIGN §6).
 *
 * <p>Night D runs from D {@code nightStart} to D+1 {@code nightStart}, local time. A session is exposure for night D
 * when it starts from D {@code nightStart} up to (not including) D+1 {@code exposureCutoff}; a session between the
 * cut-off and the next {@code nightStart} is exposure for no night, since it is more likely a reaction to the night
 * just past than a cause of the next one.
 *
 * @param nightStart local time at which a night begins, 12:00 by default
 * @param exposureCutoff local time on the next morning from which sessions no longer count, 04:00 by default; must be
 *     strictly before {@code nightStart}
 */
public record NightPolicy(LocalTime nightStart, LocalTime exposureCutoff) {

    public static final LocalTime DEFAULT_NIGHT_START = LocalTime.NOON;
    public static final LocalTime DEFAULT_EXPOSURE_CUTOFF = LocalTime.of(4, 0);

    public NightPolicy {
        Objects.requireNonNull(nightStart, "nightStart");
        Objects.requireNonNull(exposureCutoff, "exposureCutoff");
        if (!exposureCutoff.isBefore(nightStart)) {
            throw new IllegalArgumentException(
                    "exposureCutoff " + exposureCutoff + " must be before nightStart " + nightStart);
        }
    }

    /** Nights from 12:00 to 12:00, exposure until 04:00. */
    public static NightPolicy defaults() {
        return new NightPolicy(DEFAULT_NIGHT_START, DEFAULT_EXPOSURE_CUTOFF);
    }

    /** The defaults with another exposure cut-off. */
    public static NightPolicy withExposureCutoff(LocalTime exposureCutoff) {
        return new NightPolicy(DEFAULT_NIGHT_START, exposureCutoff);
    }
}
