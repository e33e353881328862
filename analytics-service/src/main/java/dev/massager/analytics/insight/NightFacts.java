package dev.massager.analytics.insight;

import dev.massager.analytics.aggregate.DiaryState;
import dev.massager.analytics.aggregate.UserNight;
import dev.massager.analytics.nights.NightCalendar;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * From rows of the {@code nights} table to the calculator's input. A night's exposure sessions are taken together as
 * one: the dose-response only asks for their total minutes, the mode with the most seconds and the highest intensity,
 * which the row holds.
 */
public final class NightFacts {

    private NightFacts() {}

    /**
     * The record of one night.
     *
     * @param completeUntil until when the user's device data is complete (see {@code DeviceReports}); empty when
     *     unknown, and then a night without a session may still get one and waits outside both arms
     */
    public static NightRecord of(UserNight night, Optional<Instant> completeUntil, NightCalendar calendar) {
        CrampNightState diary = night.diary() == null
                ? CrampNightState.UNKNOWN
                : night.diary() == DiaryState.CRAMPS ? CrampNightState.CRAMPS : CrampNightState.NONE;
        List<ExposureSession> sessions = night.exposed()
                ? List.of(new ExposureSession(
                        night.sessionSeconds(),
                        night.secondsByMode(),
                        night.maxIntensity() == null ? ExposureSession.UNKNOWN_INTENSITY : night.maxIntensity()))
                : List.of();
        boolean complete = completeUntil
                .map(until -> !until.isBefore(
                        calendar.bounds(night.night(), night.timeZone()).end()))
                .orElse(false);
        return new NightRecord(night.night(), diary, sessions, complete);
    }
}
