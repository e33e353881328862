package dev.massager.analytics.insight;

import dev.massager.analytics.stats.Comparison;
import java.util.Objects;

/**
 * A user's personal insight (DESIGN §6). The {@link #comparison} is always present, for transparency, even without
 * {@link #enoughData}: a client must then say "not enough data yet" with {@link #moreNightsNeeded} rather than
 * present the relative risk or p-value as a finding.
 *
 * @param observedNights nights with a diary entry
 * @param unknownNights nights without one, left out of everything
 * @param nightsUsed observed nights in either arm
 * @param nightsAwaitingDeviceData observed nights with no known session whose device has not reported since, left
 *     out of both arms
 * @param withSessions observed nights with at least one session
 * @param withoutSessions observed nights with no session and complete device data
 * @param enoughData whether both arms have at least the minimum of nights
 * @param moreNightsNeeded what each arm lacks to reach the minimum
 * @param comparison with sessions (exposed) against without, as a 2×2 table of nights and cramp nights
 * @param doseResponse cramp-night rates among nights with sessions by dose
 * @param definitions the definitions used
 */
public record Insight(
        int observedNights,
        int unknownNights,
        int nightsUsed,
        int nightsAwaitingDeviceData,
        NightTally withSessions,
        NightTally withoutSessions,
        boolean enoughData,
        MoreNightsNeeded moreNightsNeeded,
        Comparison comparison,
        DoseResponse doseResponse,
        InsightDefinitions definitions) {

    public Insight {
        Objects.requireNonNull(withSessions, "withSessions");
        Objects.requireNonNull(withoutSessions, "withoutSessions");
        Objects.requireNonNull(moreNightsNeeded, "moreNightsNeeded");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(doseResponse, "doseResponse");
        Objects.requireNonNull(definitions, "definitions");
    }
}
