package dev.massager.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    /** The 97.5% quantile of the standard normal distribution, as tabulated. */
    private static final double Z_95 = 1.959963984540054;

    private static final Offset<Double> EXACT = within(1e-12);

    @Nested
    class Table {

        @Test
        void shouldDeriveNonEventsAndRates() {
            TwoByTwo table = new TwoByTwo(3, 12, 1, 4);

            assertThat(table.exposedNonEvents()).isEqualTo(9);
            assertThat(table.unexposedNonEvents()).isEqualTo(3);
            assertThat(table.exposedRate()).hasValue(0.25);
            assertThat(table.unexposedRate()).hasValue(0.25);
            assertThat(table.cells()).isDeepEqualTo(new int[][] {{3, 9}, {1, 3}});
        }

        @Test
        void shouldRejectMoreEventsThanObservationsOrNegativeCounts() {
            assertThatIllegalArgumentException().isThrownBy(() -> new TwoByTwo(5, 4, 0, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> new TwoByTwo(0, 1, 2, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> new TwoByTwo(-1, 1, 0, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> new TwoByTwo(0, 0, 0, -1));
        }
    }

    @Nested
    class PublishedReferenceValues {

        /**
         * Fisher, R. A. (1935), <i>The Design of Experiments</i>, ch. II, "The principles of experimentation,
         * illustrated by a psycho-physical experiment" (the lady tasting tea): of the 70 ways to choose 4 cups of 8,
         * 1, 16, 36, 16 and 1 give 4, 3, 2, 1 and 0 right. With 3 right, [[3, 1], [1, 3]], the tables at most as
         * probable are those with 4, 3, 1 and 0 right: (1 + 16 + 16 + 1) / 70 = 0.4857. The same table is R's
         * {@code fisher.test} documentation example {@code TeaTasting} (Agresti 1990, p. 61f), whose one-sided
         * p-value 0.2429 is half of it.
         */
        @Test
        void shouldGiveFishersLadyTastingTeaPValue() {
            Comparison tea = Comparison.of(new TwoByTwo(3, 4, 1, 4));

            assertThat(tea.pValue()).hasValueCloseTo(34.0 / 70, within(1e-12));
            assertThat(tea.pValue().getAsDouble()).isCloseTo(0.4857, within(0.00005));
        }

        /**
         * LaMorte, W. W., <i>Confidence Intervals</i>, Boston University School of Public Health, module BS704,
         * section "Confidence Intervals for the Risk Ratio": a new pain reliever gave a meaningful reduction in pain
         * to 23 of 50 patients, the standard one to 11 of 50; RR = 0.46 / 0.22 = 2.09, 95% CI 1.14 to 3.82 (published
         * to two decimals, computed there from rounded logarithms, hence the tolerance).
         */
        @Test
        void shouldReproduceThePublishedRelativeRiskAndInterval() {
            RelativeRisk rr =
                    Comparison.of(new TwoByTwo(23, 50, 11, 50)).relativeRisk().orElseThrow();

            assertThat(rr.estimate()).isCloseTo(2.09, within(0.005));
            assertThat(rr.lower()).isCloseTo(1.14, within(0.01));
            assertThat(rr.upper()).isCloseTo(3.82, within(0.005));
            assertThat(rr.confidence()).isEqualTo(0.95);
            assertThat(rr.corrected()).isFalse();
        }
    }

    @Nested
    class LogMethodWithoutZeroCells {

        @Test
        void shouldFollowTheKatzFormula() {
            // a = 23, n1 = 50, c = 11, n0 = 50
            double logRr = Math.log((23.0 / 50) / (11.0 / 50));
            double se = Math.sqrt(1.0 / 23 - 1.0 / 50 + 1.0 / 11 - 1.0 / 50);

            RelativeRisk rr = RelativeRisk.of(new TwoByTwo(23, 50, 11, 50)).orElseThrow();

            assertThat(rr.estimate()).isCloseTo(23.0 / 11, EXACT);
            assertThat(rr.lower()).isCloseTo(Math.exp(logRr - Z_95 * se), EXACT);
            assertThat(rr.upper()).isCloseTo(Math.exp(logRr + Z_95 * se), EXACT);
        }

        @Test
        void shouldNarrowTheIntervalForALowerConfidence() {
            TwoByTwo table = new TwoByTwo(23, 50, 11, 50);
            RelativeRisk ninetyFive = RelativeRisk.of(table, 0.95).orElseThrow();
            RelativeRisk ninety = RelativeRisk.of(table, 0.90).orElseThrow();

            double se = Math.sqrt(1.0 / 23 - 1.0 / 50 + 1.0 / 11 - 1.0 / 50);
            double z90 = 1.6448536269514722;
            assertThat(ninety.upper()).isCloseTo(23.0 / 11 * Math.exp(z90 * se), EXACT);
            assertThat(ninety.upper()).isLessThan(ninetyFive.upper());
            assertThat(ninety.lower()).isGreaterThan(ninetyFive.lower());
        }

        @Test
        void shouldRejectAConfidenceOutsideZeroToOne() {
            TwoByTwo table = new TwoByTwo(1, 2, 1, 2);

            assertThatIllegalArgumentException().isThrownBy(() -> Comparison.of(table, 1.0));
            assertThatIllegalArgumentException().isThrownBy(() -> Comparison.of(table, 0.0));
            assertThatIllegalArgumentException().isThrownBy(() -> Comparison.of(table, Double.NaN));
        }
    }

    @Nested
    class ZeroCells {

        @Test
        void shouldCorrectWhenNoExposedNightHasAnEvent() {
            // a = 0, b = 10, c = 5, d = 5 -> 0.5, 10.5, 5.5, 5.5: n1 = 11, n0 = 11
            double rr = (0.5 / 11) / (5.5 / 11);
            double se = Math.sqrt(1 / 0.5 - 1.0 / 11 + 1 / 5.5 - 1.0 / 11);

            Comparison comparison = Comparison.of(new TwoByTwo(0, 10, 5, 10));
            RelativeRisk corrected = comparison.relativeRisk().orElseThrow();

            assertThat(corrected.corrected()).isTrue();
            assertThat(corrected.estimate()).isCloseTo(rr, EXACT).isCloseTo(1.0 / 11, EXACT);
            assertThat(corrected.lower()).isCloseTo(rr * Math.exp(-Z_95 * se), EXACT);
            assertThat(corrected.upper()).isCloseTo(rr * Math.exp(Z_95 * se), EXACT);
            // The uncorrected counts are still what the comparison reports.
            assertThat(comparison.exposedRate()).hasValue(0.0);
            assertThat(comparison.unexposedRate()).hasValue(0.5);
            // Hypergeometric by hand: P(a = 0) = P(a = 5) = C(10,5) / C(20,5) = 252 / 15504, the only tables as
            // improbable as the observed one.
            assertThat(comparison.pValue()).hasValueCloseTo(504.0 / 15504, within(1e-12));
        }

        @Test
        void shouldCorrectWhenNoUnexposedNightHasAnEvent() {
            // a = 5, b = 5, c = 0, d = 10 -> 5.5, 5.5, 0.5, 10.5
            double rr = (5.5 / 11) / (0.5 / 11);
            double se = Math.sqrt(1 / 5.5 - 1.0 / 11 + 1 / 0.5 - 1.0 / 11);

            RelativeRisk corrected = RelativeRisk.of(new TwoByTwo(5, 10, 0, 10)).orElseThrow();

            assertThat(corrected.corrected()).isTrue();
            assertThat(corrected.estimate()).isCloseTo(11.0, EXACT);
            assertThat(corrected.lower()).isCloseTo(rr * Math.exp(-Z_95 * se), EXACT);
            assertThat(corrected.upper()).isCloseTo(rr * Math.exp(Z_95 * se), EXACT);
        }

        @Test
        void shouldCorrectWhenNeitherArmHasAnEvent() {
            // a = 0, b = 4, c = 0, d = 6 -> 0.5, 4.5, 0.5, 6.5: n1 = 5, n0 = 7
            double rr = (0.5 / 5) / (0.5 / 7);
            double se = Math.sqrt(1 / 0.5 - 1.0 / 5 + 1 / 0.5 - 1.0 / 7);

            Comparison comparison = Comparison.of(new TwoByTwo(0, 4, 0, 6));
            RelativeRisk corrected = comparison.relativeRisk().orElseThrow();

            assertThat(corrected.estimate()).isCloseTo(1.4, EXACT);
            assertThat(corrected.lower()).isCloseTo(rr * Math.exp(-Z_95 * se), EXACT);
            assertThat(corrected.upper()).isCloseTo(rr * Math.exp(Z_95 * se), EXACT);
            assertThat(comparison.pValue()).hasValueCloseTo(1.0, within(1e-12));
        }

        @Test
        void shouldCorrectWhenEveryNightHasAnEvent() {
            // a = 3, b = 0, c = 2, d = 0 -> 3.5, 0.5, 2.5, 0.5: n1 = 4, n0 = 3
            RelativeRisk corrected = RelativeRisk.of(new TwoByTwo(3, 3, 2, 2)).orElseThrow();

            assertThat(corrected.corrected()).isTrue();
            assertThat(corrected.estimate()).isCloseTo((3.5 / 4) / (2.5 / 3), EXACT);
        }
    }

    @Nested
    class VerySmallSamples {

        @Test
        void shouldCompareOneNightWithOneNight() {
            // a = 1, b = 0, c = 0, d = 1 -> 1.5, 0.5, 0.5, 1.5: n1 = n0 = 2
            double se = Math.sqrt(1 / 1.5 - 1.0 / 2 + 1 / 0.5 - 1.0 / 2);

            Comparison comparison = Comparison.of(new TwoByTwo(1, 1, 0, 1));
            RelativeRisk rr = comparison.relativeRisk().orElseThrow();

            assertThat(rr.corrected()).isTrue();
            assertThat(rr.estimate()).isCloseTo(3.0, EXACT);
            assertThat(rr.lower()).isCloseTo(3 * Math.exp(-Z_95 * se), EXACT).isLessThan(1);
            assertThat(rr.upper()).isCloseTo(3 * Math.exp(Z_95 * se), EXACT);
            // Two possible tables given the margins, each with probability 1/2.
            assertThat(comparison.pValue()).hasValueCloseTo(1.0, within(1e-12));
        }
    }

    @Nested
    class EmptyArm {

        @Test
        void shouldLeaveRelativeRiskAndPValueUndefinedWithoutExposedNights() {
            Comparison comparison = Comparison.of(new TwoByTwo(0, 0, 2, 5));

            assertThat(comparison.relativeRisk()).isEmpty();
            assertThat(comparison.pValue()).isEmpty();
            assertThat(comparison.exposedRate()).isEmpty();
            assertThat(comparison.unexposedRate()).hasValue(0.4);
            assertThat(comparison.counts()).isEqualTo(new TwoByTwo(0, 0, 2, 5));
        }

        @Test
        void shouldLeaveRelativeRiskAndPValueUndefinedWithoutUnexposedNights() {
            Comparison comparison = Comparison.of(new TwoByTwo(1, 3, 0, 0));

            assertThat(comparison.relativeRisk()).isEmpty();
            assertThat(comparison.pValue()).isEmpty();
            assertThat(comparison.unexposedRate()).isEmpty();
        }

        @Test
        void shouldHandleNoNightsAtAll() {
            Comparison comparison = Comparison.of(new TwoByTwo(0, 0, 0, 0));

            assertThat(comparison.relativeRisk()).isEmpty();
            assertThat(comparison.pValue()).isEmpty();
        }
    }

    @Test
    void shouldNameTheMethodsItUsed() {
        ComparisonDefinitions definitions =
                Comparison.of(new TwoByTwo(1, 2, 1, 2)).definitions();

        assertThat(definitions.confidenceInterval()).contains("log method (Katz)");
        assertThat(definitions.zeroCells()).contains("Haldane–Anscombe correction when a cell is zero");
        assertThat(definitions.test()).isEqualTo("Fisher's exact test, two-sided");
    }
}
