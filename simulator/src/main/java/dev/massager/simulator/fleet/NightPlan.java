package dev.massager.simulator.fleet;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One user's night: the evening session if there was one, whether cramps came, and the diary entry if the user wrote
 * one. {@code crampNight} is the truth, which the diary reports only when the night is logged.
 *
 * @param user who
 * @param date the night's date D, local to the user: from D 12:00 to D+1 12:00
 * @param session the evening session
 * @param crampNight whether the user had cramps that night
 * @param diary the entry the user writes the morning after; empty for an unlogged night
 */
public record NightPlan(
        VirtualUser user,
        LocalDate date,
        Optional<PlannedSession> session,
        boolean crampNight,
        Optional<DiaryPlan> diary) {}
