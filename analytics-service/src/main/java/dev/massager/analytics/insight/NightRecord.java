package dev.massager.analytics.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one night of one user.
 *
 * @param night the night's date D (see {@code NightCalendar})
 * @param diary the diary entry's state, {@link CrampNightState#UNKNOWN} without one
 * @param sessions the sessions that were exposure for this night
 * @param deviceDataComplete whether the device has reported since the night, so any session it ran that night is
 *     known; without it, a night with no known session may still have had one
 */
public record NightRecord(
        LocalDate night, CrampNightState diary, List<ExposureSession> sessions, boolean deviceDataComplete) {

    public NightRecord {
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(diary, "diary");
        sessions = List.copyOf(sessions);
    }

    /** Whether at least one session was exposure for this night. */
    public boolean exposed() {
        return !sessions.isEmpty();
    }
}
