package dev.massager.analytics.insight;

import dev.massager.analytics.nights.NightPolicy;
import dev.massager.analytics.stats.Comparison;
import dev.massager.analytics.stats.ComparisonDefinitions;
import dev.massager.analytics.stats.TwoByTwo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes a user's {@link Insight} from per-night facts. Pure and deterministic: the result depends only on the
 * arguments, not on their order.
 *
 * <p>A night is observed when it has a diary entry; unknown nights are counted and otherwise ignored. An observed
 * night with at least one session is in the arm with sessions. One without is in the arm without sessions only when
 * the device's data for it is complete; otherwise a session may still arrive by backfill, and counting the night as
 * "no session" would bias the comparison, so it waits outside both arms.
 */
public final class InsightCalculator {

    private final NightPolicy nights;

    /** @param nights the calendar the night records were built with, reported in the definitions */
    public InsightCalculator(NightPolicy nights) {
        this.nights = Objects.requireNonNull(nights, "nights");
    }

    /**
     * The insight of {@code records}, at most one per night.
     *
     * @throws IllegalArgumentException when two records are for the same night
     */
    public Insight compute(List<NightRecord> records, InsightPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        requireOnePerNight(records);

        int observed = 0;
        int unknown = 0;
        int awaiting = 0;
        List<NightRecord> exposed = new ArrayList<>();
        int unexposedNights = 0;
        int unexposedCramps = 0;
        for (NightRecord record : records) {
            if (!record.diary().observed()) {
                unknown++;
                continue;
            }
            observed++;
            if (record.exposed()) {
                exposed.add(record);
            } else if (record.deviceDataComplete()) {
                unexposedNights++;
                unexposedCramps += crampNight(record);
            } else {
                awaiting++;
            }
        }
        int exposedCramps =
                exposed.stream().mapToInt(InsightCalculator::crampNight).sum();

        NightTally withSessions = NightTally.of(exposed.size(), exposedCramps);
        NightTally withoutSessions = NightTally.of(unexposedNights, unexposedCramps);
        MoreNightsNeeded more = new MoreNightsNeeded(
                Math.max(0, policy.minimumNightsPerArm() - withSessions.nights()),
                Math.max(0, policy.minimumNightsPerArm() - withoutSessions.nights()));
        Comparison comparison = Comparison.of(
                new TwoByTwo(exposedCramps, exposed.size(), unexposedCramps, unexposedNights), policy.confidence());

        return new Insight(
                observed,
                unknown,
                withSessions.nights() + withoutSessions.nights(),
                awaiting,
                withSessions,
                withoutSessions,
                more.none(),
                more,
                comparison,
                doseResponse(exposed, policy),
                definitions(policy));
    }

    private static void requireOnePerNight(List<NightRecord> records) {
        Set<LocalDate> seen = new HashSet<>();
        for (NightRecord record : records) {
            if (!seen.add(record.night())) {
                throw new IllegalArgumentException("more than one record for night " + record.night());
            }
        }
    }

    private static int crampNight(NightRecord record) {
        return record.diary() == CrampNightState.CRAMPS ? 1 : 0;
    }

    private static DoseResponse doseResponse(List<NightRecord> exposed, InsightPolicy policy) {
        List<String> minuteLevels = DoseLevels.minuteLevels(policy.minuteBuckets());
        List<String> modeLevels = DoseLevels.modeLevels();
        List<String> intensityLevels = DoseLevels.intensityLevels();
        return new DoseResponse(
                breakdown(
                        exposed,
                        minuteLevels,
                        night -> DoseLevels.minuteLevel(night, policy.minuteBuckets(), minuteLevels)),
                breakdown(exposed, modeLevels, DoseLevels::mainMode),
                breakdown(exposed, intensityLevels, DoseLevels::maxIntensity));
    }

    /** Tallies the nights by {@code levelOf}, keeping the given levels in order and adding UNKNOWN when used. */
    private static List<DoseLevel> breakdown(
            List<NightRecord> nights, List<String> levels, Function<NightRecord, String> levelOf) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        levels.forEach(level -> counts.put(level, new int[2]));
        for (NightRecord night : nights) {
            int[] count = counts.computeIfAbsent(levelOf.apply(night), level -> new int[2]);
            count[0]++;
            count[1] += crampNight(night);
        }
        List<DoseLevel> result = new ArrayList<>();
        counts.forEach((level, count) -> result.add(new DoseLevel(level, NightTally.of(count[0], count[1]))));
        return result;
    }

    private InsightDefinitions definitions(InsightPolicy policy) {
        String start = nights.nightStart().toString();
        String cutoff = nights.exposureCutoff().toString();
        return new InsightDefinitions(
                nights.nightStart(),
                nights.exposureCutoff(),
                "night D runs from D " + start + " to D+1 " + start + " local time, in the user's time zone of then",
                "a session is exposure for night D when it started from D " + start + " up to D+1 " + cutoff
                        + "; sessions from " + cutoff + " to " + start + " count for no night",
                "observed nights (with a diary entry) with at least one session",
                "observed nights with no session, counted only once the data of the user's devices is complete past the"
                        + " night's end: disconnected after it, or connected for longer than the pipeline's lag",
                "observed nights with no known session whose device data is not complete yet: in neither arm",
                policy.minimumNightsPerArm(),
                policy.confidence(),
                policy.minuteBuckets(),
                "nights with sessions only; minutes: total session minutes of the night, level a-b is more than a"
                        + " and at most b (the first from 0), >b more than b; main mode: the mode with the most"
                        + " seconds that night, ties to the first of SEQUENTIAL, WAVE, FULL; intensity: the highest"
                        + " level used that night; UNKNOWN where sessions report none",
                ComparisonDefinitions.STANDARD);
    }
}
