package dev.massager.analytics.stats;

import java.util.OptionalDouble;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/** Fisher's exact test of a 2×2 table, delegated to Apache Commons Statistics. */
final class FisherExact {

    private static final FisherExactTest TWO_SIDED =
            FisherExactTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED);

    private FisherExact() {}

    /**
     * The two-sided p-value of {@code [[a, b], [c, d]]}, or empty when an arm is empty: with one row all zero the test
     * has a single possible table and says nothing (and an all-zero table is rejected by the library).
     */
    static OptionalDouble twoSidedPValue(TwoByTwo table) {
        if (table.hasEmptyArm()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(TWO_SIDED.test(table.cells()).getPValue());
    }
}
