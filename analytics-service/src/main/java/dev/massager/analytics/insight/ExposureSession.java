package dev.massager.analytics.insight;

import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.Mode;
import dev.massager.common.session.SessionSummary;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A session that was exposure for a night, reduced to what the dose-response needs.
 *
 * @param seconds running time
 * @param secondsByMode seconds in each mode used
 * @param maxIntensity highest pressure level used, or {@value #UNKNOWN_INTENSITY} when no level is known
 */
public record ExposureSession(long seconds, Map<Mode, Long> secondsByMode, int maxIntensity) {

    public static final int UNKNOWN_INTENSITY = 0;

    public ExposureSession {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must not be negative, got " + seconds);
        }
        Objects.requireNonNull(secondsByMode, "secondsByMode");
        EnumMap<Mode, Long> copy = new EnumMap<>(Mode.class);
        secondsByMode.forEach((mode, modeSeconds) -> {
            Objects.requireNonNull(mode, "mode");
            if (modeSeconds == null || modeSeconds < 0) {
                throw new IllegalArgumentException("seconds in " + mode + " must not be negative, got " + modeSeconds);
            }
            copy.put(mode, modeSeconds);
        });
        secondsByMode = Collections.unmodifiableMap(copy);
        if (maxIntensity != UNKNOWN_INTENSITY
                && (maxIntensity < DeviceLimits.MIN_INTENSITY || maxIntensity > DeviceLimits.MAX_INTENSITY)) {
            throw new IllegalArgumentException("maxIntensity must be " + UNKNOWN_INTENSITY + " or between "
                    + DeviceLimits.MIN_INTENSITY + " and " + DeviceLimits.MAX_INTENSITY + ", got " + maxIntensity);
        }
    }

    /** The parts of {@code session} the insight uses. */
    public static ExposureSession of(SessionSummary session) {
        int maxIntensity =
                session.intensities().stream().mapToInt(Integer::intValue).max().orElse(UNKNOWN_INTENSITY);
        return new ExposureSession(session.durationSeconds(), session.secondsByMode(), maxIntensity);
    }
}
