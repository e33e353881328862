package dev.massager.analytics.aggregate;

import dev.massager.common.device.Mode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * One row of the {@code nights} table: what is known about one user's night D (from D 12:00 to D+1 12:00 local).
 *
 * @param userId the user
 * @param night the local date D
 * @param diary the diary entry's verdict, or {@code null} when there is none: the night is not observed
 * @param cramps cramps reported, or {@code null} without a diary entry
 * @param exposed whether at least one session counts as exposure for this night
 * @param sessionCount exposure sessions of the night
 * @param sessionSeconds their total running time
 * @param secondsByMode their seconds per mode; modes never used are absent
 * @param maxIntensity the highest intensity used, or {@code null} without sessions (or without intensities)
 * @param heatUsed whether any of them heated
 * @param timeZone the user's time zone that night: the diary entry's, else the first session's
 */
public record UserNight(
        String userId,
        LocalDate night,
        DiaryState diary,
        Integer cramps,
        boolean exposed,
        int sessionCount,
        long sessionSeconds,
        Map<Mode, Long> secondsByMode,
        Integer maxIntensity,
        boolean heatUsed,
        ZoneId timeZone) {

    /** Whether the night has a diary entry, so it can count in a comparison of nights. */
    public boolean observed() {
        return diary != null;
    }
}
