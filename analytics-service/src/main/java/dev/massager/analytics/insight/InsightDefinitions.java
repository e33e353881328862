package dev.massager.analytics.insight;

import dev.massager.analytics.stats.ComparisonDefinitions;
import java.time.LocalTime;
import java.util.List;

/**
 * The definitions an insight was computed with, so an API client can show which ones it used.
 *
 * @param nightStart local time a night begins
 * @param exposureCutoff local time on the next morning until which sessions are exposure
 * @param night the night window in words
 * @param exposure which sessions count for a night
 * @param withSessions who is in the arm with sessions
 * @param withoutSessions who is in the arm without sessions
 * @param awaitingDeviceData which nights are left out of both arms
 * @param minimumNightsPerArm observed nights each arm needs
 * @param confidence confidence level of the relative risk's interval
 * @param minuteBuckets upper bounds of the minute buckets
 * @param doseResponse how the dose-response levels are formed
 * @param comparison the statistical methods
 */
public record InsightDefinitions(
        LocalTime nightStart,
        LocalTime exposureCutoff,
        String night,
        String exposure,
        String withSessions,
        String withoutSessions,
        String awaitingDeviceData,
        int minimumNightsPerArm,
        double confidence,
        List<Long> minuteBuckets,
        String doseResponse,
        ComparisonDefinitions comparison) {

    public InsightDefinitions {
        minuteBuckets = List.copyOf(minuteBuckets);
    }
}
