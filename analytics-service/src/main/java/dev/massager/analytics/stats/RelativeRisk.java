package dev.massager.analytics.stats;

import java.util.Optional;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Relative risk (risk ratio) of the exposed arm to the unexposed arm with a confidence interval by the log method
 * (Katz): RR = (a/n1) / (c/n0), SE(ln RR) = sqrt(1/a − 1/n1 + 1/c − 1/n0), limits exp(ln RR ± z·SE) with z the
 * two-sided standard normal quantile of {@code confidence}. When any cell is zero, 0.5 is added to all four cells
 * (Haldane–Anscombe), so n1 and n0 each grow by 1. References: Katz, Baptista, Azen &amp; Pike (1978), "Obtaining
 * confidence intervals for the risk ratio in cohort studies", Biometrics 34:469–474; Altman (1991), Practical
 * Statistics for Medical Research; the cell correction as in Pagano &amp; Gauvreau (2000), Principles of
 * Biostatistics, and Deeks &amp; Higgins (2010), Statistical algorithms in Review Manager 5.
 *
 * @param estimate the point estimate, from the corrected cells when {@code corrected}
 * @param lower lower confidence limit
 * @param upper upper confidence limit
 * @param confidence the confidence level, e.g. 0.95
 * @param corrected whether 0.5 was added to every cell because one of them was zero
 */
public record RelativeRisk(double estimate, double lower, double upper, double confidence, boolean corrected) {

    public static final double DEFAULT_CONFIDENCE = 0.95;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final double HALDANE_ANSCOMBE = 0.5;

    public RelativeRisk {
        requireConfidence(confidence);
        if (!(lower <= estimate && estimate <= upper) || !(lower > 0)) {
            throw new IllegalArgumentException(
                    "need 0 < lower <= estimate <= upper, got " + lower + ", " + estimate + ", " + upper);
        }
    }

    /** The relative risk of {@code table}, or empty when an arm is empty and the ratio undefined. */
    static Optional<RelativeRisk> of(TwoByTwo table, double confidence) {
        requireConfidence(confidence);
        if (table.hasEmptyArm()) {
            return Optional.empty();
        }
        boolean corrected = table.hasZeroCell();
        double add = corrected ? HALDANE_ANSCOMBE : 0;
        double a = table.exposedEvents() + add;
        double n1 = table.exposedTotal() + 2 * add;
        double c = table.unexposedEvents() + add;
        double n0 = table.unexposedTotal() + 2 * add;

        double logRr = Math.log((a / n1) / (c / n0));
        double se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0);
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return Optional.of(new RelativeRisk(
                Math.exp(logRr), Math.exp(logRr - z * se), Math.exp(logRr + z * se), confidence, corrected));
    }

    /** The relative risk of {@code table} with a 95% interval. */
    static Optional<RelativeRisk> of(TwoByTwo table) {
        return of(table, DEFAULT_CONFIDENCE);
    }

    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 exclusive, got " + confidence);
        }
    }
}
