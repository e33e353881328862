package dev.massager.analytics.stats;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An exposed and an unexposed arm compared: both counts and rates, the relative risk with its interval, and Fisher's
 * exact two-sided p-value. The relative risk, the p-value and a rate are empty when the arm they need is empty.
 *
 * @param counts the 2×2 table
 * @param exposedRate events per exposed observation
 * @param unexposedRate events per unexposed observation
 * @param relativeRisk exposed rate over unexposed rate, with its confidence interval
 * @param pValue Fisher's exact test, two-sided
 * @param definitions the methods used
 */
public record Comparison(
        TwoByTwo counts,
        OptionalDouble exposedRate,
        OptionalDouble unexposedRate,
        Optional<RelativeRisk> relativeRisk,
        OptionalDouble pValue,
        ComparisonDefinitions definitions) {

    public Comparison {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(exposedRate, "exposedRate");
        Objects.requireNonNull(unexposedRate, "unexposedRate");
        Objects.requireNonNull(relativeRisk, "relativeRisk");
        Objects.requireNonNull(pValue, "pValue");
        Objects.requireNonNull(definitions, "definitions");
    }

    /** Compares the arms of {@code counts} with a {@code confidence} interval for the relative risk. */
    public static Comparison of(TwoByTwo counts, double confidence) {
        return new Comparison(
                counts,
                counts.exposedRate(),
                counts.unexposedRate(),
                RelativeRisk.of(counts, confidence),
                FisherExact.twoSidedPValue(counts),
                ComparisonDefinitions.STANDARD);
    }

    /** Compares the arms of {@code counts} with a 95% interval. */
    public static Comparison of(TwoByTwo counts) {
        return of(counts, RelativeRisk.DEFAULT_CONFIDENCE);
    }
}
