package dev.massager.analytics.cohort;

import java.time.LocalDate;
import java.util.List;

/**
 * How the fleet is used over a range of nights (a session belongs to the night it started in: D 12:00 to D+1 12:00
 * in the user's zone). Device figures (faults by firmware, online devices) are protected by counting devices in place
 * of users, since a device belongs to one user at a time.
 *
 * @param from first night
 * @param to last night
 * @param minimumUsers the k of the suppression
 * @param nights per night: users and devices with a session, and sessions
 * @param minutesByMode session minutes in each mode
 * @param intensity sessions that used each pressure level
 * @param heat sessions that used each heat setting
 * @param endedEarly sessions ended before their timer (by the user, a fault, the battery or a power loss)
 * @param faultsByFirmware faults reported in the range, by the firmware the device last reported
 * @param onlineDevices devices whose latest status is ONLINE, now
 */
public record UsageReport(
        LocalDate from,
        LocalDate to,
        int minimumUsers,
        List<NightUsage> nights,
        List<Cell> minutesByMode,
        List<Cell> intensity,
        List<Cell> heat,
        Cell endedEarly,
        List<Cell> faultsByFirmware,
        Cell onlineDevices) {

    /**
     * One night's usage.
     *
     * @param night the night D
     * @param activeUsers users with a session
     * @param activeDevices devices that ran one
     * @param sessions sessions started
     */
    public record NightUsage(LocalDate night, Cell activeUsers, Cell activeDevices, Cell sessions) {}
}
