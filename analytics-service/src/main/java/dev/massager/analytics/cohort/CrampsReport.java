package dev.massager.analytics.cohort;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Cramp-night rates on nights with and without an evening session, pooled over the cohort: overall, and for nights
 * whose sessions had a given main mode, highest intensity or total duration, each against all nights without a
 * session.
 *
 * @param from first night
 * @param to last night
 * @param minimumUsers the k of the suppression: a row is suppressed when either arm has fewer users
 * @param overall all nights with sessions against all nights without (key {@code all})
 * @param byMode by the mode with the most seconds that night
 * @param byIntensity by the highest pressure level used that night
 * @param byDuration by total session minutes that night
 * @param definitions what the figures mean
 */
public record CrampsReport(
        LocalDate from,
        LocalDate to,
        int minimumUsers,
        Row overall,
        List<Row> byMode,
        List<Row> byIntensity,
        List<Row> byDuration,
        Map<String, String> definitions) {

    /**
     * One comparison; a suppressed row carries only its key.
     *
     * @param key the group
     * @param suppressed whether fewer than k users stand behind either arm
     * @param users users behind both arms together
     * @param withSessions nights with sessions of this group
     * @param withoutSessions nights without a session
     * @param relativeRisk the cramp-night rate with sessions over the rate without, with its confidence interval;
     *     absent when undefined
     * @param pValue Fisher's exact test, two-sided; absent when undefined
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            String key,
            boolean suppressed,
            Integer users,
            Arm withSessions,
            Arm withoutSessions,
            Ratio relativeRisk,
            Double pValue) {}

    /**
     * One arm of a comparison.
     *
     * @param nights observed nights
     * @param crampNights of those, nights with cramps
     * @param rate their share, absent without nights
     */
    public record Arm(int nights, int crampNights, Double rate) {}

    /**
     * A relative risk and its confidence interval.
     *
     * @param estimate the ratio
     * @param lower lower bound
     * @param upper upper bound
     */
    public record Ratio(double estimate, double lower, double upper) {}
}
