package dev.massager.simulator.fleet;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.diary.Muscle;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws a user's night from the fleet's seed, the user and the date alone, so every night is the same in any mode and
 * any order.
 *
 * <p>Evening sessions start between 19:00 and 00:30 local time, so each is exposure for its night under the analytics'
 * rule (a session from D 12:00 to D+1 04:00 counts for night D). A cramp night comes with the user's own rate, times
 * the fleet's relative risk when there was a session: the effect the analytics should find.
 */
final class NightPlanner {

    private static final long PURPOSE_NIGHT = 2;

    private static final LocalTime EVENING = LocalTime.of(19, 0);

    /** From 19:00 to 00:30 local. */
    private static final int EVENING_MINUTES = 330;

    private static final List<Integer> TIMERS = List.of(10, 15, 15, 20, 20);

    private static final FaultCode[] SESSION_FAULTS = {
        FaultCode.OVERPRESSURE, FaultCode.LEAK, FaultCode.PUMP, FaultCode.OVERHEAT
    };

    private final FleetSpec spec;

    NightPlanner(FleetSpec spec) {
        this.spec = spec;
    }

    NightPlan plan(VirtualUser user, LocalDate date) {
        SplittableRandom random = Seeds.random(spec.seed(), PURPOSE_NIGHT, user.index(), date.toEpochDay());
        // Every draw happens whatever came before, so a change of one rate does not reshuffle the rest of the night.
        boolean hasSession = random.nextDouble() < user.sessionRate();
        PlannedSession session = session(user, date, random.split());
        double crampChance = user.crampRate() * (hasSession ? spec.relativeRisk() : 1);
        boolean crampNight = random.nextDouble() < crampChance;
        boolean logged = random.nextDouble() < spec.diaryRate();
        DiaryPlan diary = diary(user, date, crampNight, random.split());
        return new NightPlan(
                user,
                date,
                hasSession ? Optional.of(session) : Optional.empty(),
                crampNight,
                logged ? Optional.of(diary) : Optional.empty());
    }

    private PlannedSession session(VirtualUser user, LocalDate date, SplittableRandom random) {
        ZonedDateTime start = ZonedDateTime.of(date, EVENING, user.zone())
                .plusMinutes(random.nextInt(EVENING_MINUTES))
                .plusSeconds(random.nextInt(60));
        int timer = TIMERS.get(random.nextInt(TIMERS.size()));
        PlannedSession.Settings settings = settings(random);
        Duration planned = Duration.ofMinutes(timer);
        List<PlannedSession.Change> changes = new ArrayList<>();
        int changeCount = random.nextInt(100) < 60 ? random.nextInt(1, 3) : 0;
        PlannedSession.Settings current = settings;
        for (int i = 0; i < changeCount; i++) {
            long at = (planned.toSeconds() * (i + 1)) / (changeCount + 1) + random.nextInt(-30, 30);
            current = changed(current, random);
            changes.add(new PlannedSession.Change(Duration.ofSeconds(at), current));
        }
        double roll = random.nextDouble();
        Duration length = planned;
        EndReason reason = EndReason.TIMER;
        Optional<FaultCode> fault = Optional.empty();
        if (roll < spec.faultRate()) {
            length = Duration.ofSeconds(60 + random.nextLong(planned.toSeconds() - 60));
            reason = EndReason.FAULT;
            fault = Optional.of(SESSION_FAULTS[random.nextInt(SESSION_FAULTS.length)]);
        } else if (roll < spec.faultRate() + 0.15) {
            // Stopped early: enough, or the cramp came anyway.
            length = Duration.ofSeconds(
                    Math.max(300, (long) (planned.toSeconds() * (0.4 + 0.55 * random.nextDouble()))));
            reason = EndReason.USER;
        } else if (roll < spec.faultRate() + 0.17) {
            length = Duration.ofSeconds(120 + random.nextLong(planned.toSeconds() - 120));
            reason = EndReason.POWER_LOSS;
        }
        Duration sessionLength = length;
        changes.removeIf(change ->
                change.after().compareTo(sessionLength) >= 0 || change.after().isNegative());
        boolean offline = random.nextDouble() < spec.offlineRate();
        String id = "s-" + date.toEpochDay() + "-" + user.index();
        return new PlannedSession(id, start.toInstant(), timer, settings, changes, length, reason, fault, offline);
    }

    private static PlannedSession.Settings settings(SplittableRandom random) {
        Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
        int intensity = 1 + random.nextInt(3);
        int heatRoll = random.nextInt(100);
        Heat heat = heatRoll < 50 ? Heat.OFF : heatRoll < 85 ? Heat.LOW : Heat.HIGH;
        return new PlannedSession.Settings(mode, intensity, heat);
    }

    private static PlannedSession.Settings changed(PlannedSession.Settings from, SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 ->
                new PlannedSession.Settings(
                        Mode.values()[(from.mode().ordinal() + 1 + random.nextInt(2)) % Mode.values().length],
                        from.intensity(),
                        from.heat());
            case 1 ->
                new PlannedSession.Settings(from.mode(), from.intensity() == 3 ? 2 : from.intensity() + 1, from.heat());
            default ->
                new PlannedSession.Settings(
                        from.mode(), from.intensity(), from.heat() == Heat.OFF ? Heat.LOW : Heat.OFF);
        };
    }

    private static DiaryPlan diary(VirtualUser user, LocalDate date, boolean crampNight, SplittableRandom random) {
        ZonedDateTime morning = ZonedDateTime.of(date.plusDays(1), LocalTime.of(7, 0), user.zone())
                .plusMinutes(random.nextInt(210));
        int cramps = 1 + (random.nextInt(100) < 60 ? 0 : random.nextInt(1, 4));
        int severity = 2 + random.nextInt(8);
        Set<Muscle> muscles = EnumSet.of(Muscle.values()[random.nextInt(Muscle.values().length)]);
        if (random.nextInt(100) < 30) {
            muscles.add(Muscle.values()[random.nextInt(Muscle.values().length)]);
        }
        boolean wokeUp = random.nextInt(100) < 65;
        if (!crampNight) {
            return new DiaryPlan(0, 0, List.of(), false, morning.toInstant());
        }
        return new DiaryPlan(cramps, severity, List.copyOf(muscles), wokeUp, morning.toInstant());
    }
}
