package dev.massager.analytics.insight;

import java.util.List;
import java.util.Objects;

/**
 * How the insight is computed.
 *
 * @param minimumNightsPerArm observed nights needed with sessions and without before the comparison counts as enough
 *     data, 14 by default
 * @param confidence confidence level of the relative risk's interval, 0.95 by default
 * @param minuteBuckets ascending upper bounds of the dose-response buckets of total session minutes per night, 10 and
 *     20 by default: up to 10, more than 10 up to 20, more than 20
 */
public record InsightPolicy(int minimumNightsPerArm, double confidence, List<Long> minuteBuckets) {

    public static final int DEFAULT_MINIMUM_NIGHTS_PER_ARM = 14;
    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final List<Long> DEFAULT_MINUTE_BUCKETS = List.of(10L, 20L);

    public InsightPolicy {
        if (minimumNightsPerArm < 1) {
            throw new IllegalArgumentException("minimumNightsPerArm must be at least 1, got " + minimumNightsPerArm);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 exclusive, got " + confidence);
        }
        minuteBuckets = List.copyOf(Objects.requireNonNull(minuteBuckets, "minuteBuckets"));
        long previous = 0;
        for (long bound : minuteBuckets) {
            if (bound <= previous) {
                throw new IllegalArgumentException(
                        "minuteBuckets must be positive and ascending, got " + minuteBuckets);
            }
            previous = bound;
        }
    }

    public static InsightPolicy defaults() {
        return new InsightPolicy(DEFAULT_MINIMUM_NIGHTS_PER_ARM, DEFAULT_CONFIDENCE, DEFAULT_MINUTE_BUCKETS);
    }
}
