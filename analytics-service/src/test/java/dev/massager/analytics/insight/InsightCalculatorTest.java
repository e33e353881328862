package dev.massager.analytics.insight;

import static dev.massager.analytics.insight.CrampNightState.CRAMPS;
import static dev.massager.analytics.insight.CrampNightState.NONE;
import static dev.massager.analytics.insight.CrampNightState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.massager.analytics.nights.NightPolicy;
import dev.massager.analytics.stats.RelativeRisk;
import dev.massager.analytics.stats.TwoByTwo;
import dev.massager.common.device.Mode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InsightCalculatorTest {

    private static final LocalDate FIRST = LocalDate.parse("2026-06-01");

    private final InsightCalculator calculator = new InsightCalculator(NightPolicy.defaults());

    private static LocalDate night(int n) {
        return FIRST.plusDays(n - 1);
    }

    private static ExposureSession session(long seconds, Map<Mode, Long> modes, int maxIntensity) {
        return new ExposureSession(seconds, modes, maxIntensity);
    }

    private static ExposureSession anySession() {
        return session(600, Map.of(Mode.WAVE, 600L), 2);
    }

    private static NightRecord exposed(int n, CrampNightState diary, ExposureSession... sessions) {
        return new NightRecord(night(n), diary, List.of(sessions), true);
    }

    private static NightRecord unexposed(int n, CrampNightState diary) {
        return new NightRecord(night(n), diary, List.of(), true);
    }

    private static NightRecord awaitingDevice(int n, CrampNightState diary) {
        return new NightRecord(night(n), diary, List.of(), false);
    }

    /** {@code nights} consecutive nights from night {@code first}, the even-numbered ones with cramps. */
    private static List<NightRecord> nights(int first, int nights, boolean withSession) {
        List<NightRecord> records = new ArrayList<>();
        for (int n = first; n < first + nights; n++) {
            CrampNightState diary = n % 2 == 0 ? CRAMPS : NONE;
            records.add(withSession ? exposed(n, diary, anySession()) : unexposed(n, diary));
        }
        return records;
    }

    @Nested
    class HandComputedExample {

        private final InsightPolicy policy = new InsightPolicy(3, 0.95, List.of(10L, 20L));

        private final List<NightRecord> records = List.of(
                exposed(1, CRAMPS, session(600, Map.of(Mode.SEQUENTIAL, 600L), 2)),
                exposed(2, NONE, session(900, Map.of(Mode.WAVE, 900L), 1)),
                exposed(
                        3,
                        NONE,
                        session(600, Map.of(Mode.WAVE, 300L, Mode.FULL, 300L), 3),
                        session(900, Map.of(Mode.FULL, 900L), 1)),
                exposed(4, CRAMPS, session(1200, Map.of(Mode.SEQUENTIAL, 600L, Mode.WAVE, 600L), 2)),
                unexposed(5, CRAMPS),
                unexposed(6, CRAMPS),
                unexposed(7, NONE),
                unexposed(8, CRAMPS),
                awaitingDevice(9, CRAMPS),
                exposed(10, UNKNOWN, anySession()),
                unexposed(11, UNKNOWN));

        private final Insight insight = calculator.compute(records, policy);

        @Test
        void shouldCountNightsByArm() {
            assertThat(insight.observedNights()).isEqualTo(9);
            assertThat(insight.unknownNights()).isEqualTo(2);
            assertThat(insight.nightsAwaitingDeviceData()).isEqualTo(1);
            assertThat(insight.nightsUsed()).isEqualTo(8);
            assertThat(insight.withSessions()).isEqualTo(NightTally.of(4, 2));
            assertThat(insight.withSessions().crampRate()).hasValue(0.5);
            assertThat(insight.withoutSessions()).isEqualTo(NightTally.of(4, 3));
            assertThat(insight.withoutSessions().crampRate()).hasValue(0.75);
        }

        @Test
        void shouldHaveEnoughDataAtTheMinimum() {
            assertThat(insight.enoughData()).isTrue();
            assertThat(insight.moreNightsNeeded()).isEqualTo(new MoreNightsNeeded(0, 0));
        }

        @Test
        void shouldCompareCrampNightsWithAndWithoutSessions() {
            assertThat(insight.comparison().counts()).isEqualTo(new TwoByTwo(2, 4, 3, 4));
            RelativeRisk rr = insight.comparison().relativeRisk().orElseThrow();
            // RR = 0.5 / 0.75; SE = sqrt(1/2 - 1/4 + 1/3 - 1/4) = sqrt(1/3)
            double se = Math.sqrt(1.0 / 3);
            assertThat(rr.estimate()).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(rr.lower()).isCloseTo(2.0 / 3 * Math.exp(-1.959963984540054 * se), within(1e-12));
            assertThat(rr.upper()).isCloseTo(2.0 / 3 * Math.exp(1.959963984540054 * se), within(1e-12));
            assertThat(rr.corrected()).isFalse();
            // Margins 4/4 and 5 events: P(a) = C(5,a) C(3,4-a) / 70 = 5, 30, 30, 5 (/70) for a = 1..4; every table is
            // at most as probable as a = 2.
            assertThat(insight.comparison().pValue()).hasValueCloseTo(1.0, within(1e-12));
        }

        @Test
        void shouldBreakDownByMinutes() {
            // 10 min; 15 and 20 min; 25 min
            assertThat(insight.doseResponse().byMinutes())
                    .containsExactly(
                            new DoseLevel("0-10", NightTally.of(1, 1)),
                            new DoseLevel("10-20", NightTally.of(2, 1)),
                            new DoseLevel(">20", NightTally.of(1, 0)));
        }

        @Test
        void shouldBreakDownByMainModeWithTiesToTheFirstDeclaredMode() {
            // night 3: FULL 1200 s against WAVE 300 s; night 4: SEQUENTIAL and WAVE 600 s each
            assertThat(insight.doseResponse().byMainMode())
                    .containsExactly(
                            new DoseLevel("SEQUENTIAL", NightTally.of(2, 2)),
                            new DoseLevel("WAVE", NightTally.of(1, 0)),
                            new DoseLevel("FULL", NightTally.of(1, 0)));
        }

        @Test
        void shouldBreakDownByTheHighestIntensityOfTheNight() {
            assertThat(insight.doseResponse().byMaxIntensity())
                    .containsExactly(
                            new DoseLevel("1", NightTally.of(1, 0)),
                            new DoseLevel("2", NightTally.of(2, 2)),
                            new DoseLevel("3", NightTally.of(1, 0)));
        }

        @Test
        void shouldNotDependOnTheOrderOfTheRecords() {
            List<NightRecord> shuffled = new ArrayList<>(records);
            Collections.shuffle(shuffled, new Random(42));

            assertThat(calculator.compute(shuffled, policy)).isEqualTo(insight);
        }

        @Test
        void shouldStateTheDefinitionsItUsed() {
            InsightDefinitions definitions = insight.definitions();

            assertThat(definitions.nightStart()).isEqualTo(LocalTime.NOON);
            assertThat(definitions.exposureCutoff()).isEqualTo(LocalTime.of(4, 0));
            assertThat(definitions.night()).contains("12:00");
            assertThat(definitions.exposure()).contains("04:00");
            assertThat(definitions.minimumNightsPerArm()).isEqualTo(3);
            assertThat(definitions.confidence()).isEqualTo(0.95);
            assertThat(definitions.minuteBuckets()).containsExactly(10L, 20L);
            assertThat(definitions.comparison().confidenceInterval()).contains("log method (Katz)");
            assertThat(definitions.comparison().test()).isEqualTo("Fisher's exact test, two-sided");
        }
    }

    @Nested
    class NotEnoughData {

        @Test
        void shouldSayHowManyMoreNightsEachArmNeeds() {
            List<NightRecord> records = new ArrayList<>(nights(1, 4, true));
            records.addAll(nights(5, 9, false));

            Insight insight = calculator.compute(records, InsightPolicy.defaults());

            assertThat(insight.enoughData()).isFalse();
            assertThat(insight.moreNightsNeeded()).isEqualTo(new MoreNightsNeeded(10, 5));
        }

        @Test
        void shouldNeedNothingMoreForAnArmAtTheMinimum() {
            List<NightRecord> records = new ArrayList<>(nights(1, 14, true));
            records.addAll(nights(15, 5, false));

            Insight insight = calculator.compute(records, InsightPolicy.defaults());

            assertThat(insight.enoughData()).isFalse();
            assertThat(insight.moreNightsNeeded()).isEqualTo(new MoreNightsNeeded(0, 9));
        }

        @Test
        void shouldHaveEnoughDataWhenBothArmsReachTheMinimum() {
            List<NightRecord> records = new ArrayList<>(nights(1, 14, true));
            records.addAll(nights(15, 20, false));

            Insight insight = calculator.compute(records, InsightPolicy.defaults());

            assertThat(insight.enoughData()).isTrue();
            assertThat(insight.moreNightsNeeded().none()).isTrue();
        }

        @Test
        void shouldStillReportTheComparisonForTransparency() {
            Insight insight = calculator.compute(nights(1, 3, true), InsightPolicy.defaults());

            assertThat(insight.moreNightsNeeded()).isEqualTo(new MoreNightsNeeded(11, 14));
            assertThat(insight.comparison().counts()).isEqualTo(new TwoByTwo(1, 3, 0, 0));
            assertThat(insight.comparison().relativeRisk()).isEmpty();
            assertThat(insight.comparison().pValue()).isEmpty();
        }

        @Test
        void shouldHandleNoNightsAtAll() {
            Insight insight = calculator.compute(List.of(), InsightPolicy.defaults());

            assertThat(insight.observedNights()).isZero();
            assertThat(insight.withSessions().crampRate()).isEmpty();
            assertThat(insight.moreNightsNeeded()).isEqualTo(new MoreNightsNeeded(14, 14));
            assertThat(insight.doseResponse().byMinutes())
                    .allSatisfy(level -> assertThat(level.tally().nights()).isZero());
        }
    }

    @Nested
    class AwaitingDeviceData {

        @Test
        void shouldLeaveANightWithoutSessionOutOfBothArmsUntilTheDeviceReports() {
            Insight insight = calculator.compute(
                    List.of(unexposed(1, NONE), awaitingDevice(2, CRAMPS), awaitingDevice(3, NONE)),
                    InsightPolicy.defaults());

            assertThat(insight.observedNights()).isEqualTo(3);
            assertThat(insight.nightsAwaitingDeviceData()).isEqualTo(2);
            assertThat(insight.nightsUsed()).isEqualTo(1);
            assertThat(insight.withoutSessions()).isEqualTo(NightTally.of(1, 0));
            assertThat(insight.withSessions()).isEqualTo(NightTally.of(0, 0));
        }

        @Test
        void shouldCountTheNightOnceTheDeviceHasReported() {
            Insight insight = calculator.compute(
                    List.of(unexposed(1, NONE), unexposed(2, CRAMPS), unexposed(3, NONE)), InsightPolicy.defaults());

            assertThat(insight.nightsAwaitingDeviceData()).isZero();
            assertThat(insight.withoutSessions()).isEqualTo(NightTally.of(3, 1));
        }

        @Test
        void shouldCountANightWithAKnownSessionAsExposedEvenBeforeTheDeviceReports() {
            NightRecord backfillPending = new NightRecord(night(1), CRAMPS, List.of(anySession()), false);

            Insight insight = calculator.compute(List.of(backfillPending), InsightPolicy.defaults());

            assertThat(insight.nightsAwaitingDeviceData()).isZero();
            assertThat(insight.withSessions()).isEqualTo(NightTally.of(1, 1));
        }
    }

    @Nested
    class UnknownNights {

        @Test
        void shouldIgnoreNightsWithoutADiaryEntry() {
            List<NightRecord> observed = List.of(exposed(1, CRAMPS, anySession()), unexposed(2, NONE));
            List<NightRecord> withUnknown = new ArrayList<>(observed);
            withUnknown.add(exposed(3, UNKNOWN, anySession()));
            withUnknown.add(unexposed(4, UNKNOWN));
            withUnknown.add(awaitingDevice(5, UNKNOWN));

            Insight without = calculator.compute(observed, InsightPolicy.defaults());
            Insight with = calculator.compute(withUnknown, InsightPolicy.defaults());

            assertThat(with.unknownNights()).isEqualTo(3);
            assertThat(with.observedNights()).isEqualTo(2);
            assertThat(with.nightsAwaitingDeviceData()).isZero();
            assertThat(with.withSessions()).isEqualTo(without.withSessions());
            assertThat(with.withoutSessions()).isEqualTo(without.withoutSessions());
            assertThat(with.comparison()).isEqualTo(without.comparison());
            assertThat(with.doseResponse()).isEqualTo(without.doseResponse());
        }
    }

    @Nested
    class DoseResponseBuckets {

        @Test
        void shouldPutBoundsInTheLowerBucket() {
            InsightPolicy policy = new InsightPolicy(14, 0.95, List.of(10L, 20L));
            List<NightRecord> records = List.of(
                    exposed(1, CRAMPS, session(0, Map.of(), 1)),
                    exposed(2, CRAMPS, session(600, Map.of(), 1)),
                    exposed(3, NONE, session(601, Map.of(), 1)),
                    exposed(4, NONE, session(1200, Map.of(), 1)),
                    exposed(5, CRAMPS, session(1201, Map.of(), 1)),
                    exposed(6, CRAMPS, session(600, Map.of(), 1), session(601, Map.of(), 1)));

            assertThat(calculator.compute(records, policy).doseResponse().byMinutes())
                    .containsExactly(
                            new DoseLevel("0-10", NightTally.of(2, 2)),
                            new DoseLevel("10-20", NightTally.of(2, 0)),
                            new DoseLevel(">20", NightTally.of(2, 2)));
        }

        @Test
        void shouldFollowTheConfiguredBuckets() {
            InsightPolicy policy = new InsightPolicy(14, 0.95, List.of(15L));

            Insight insight = calculator.compute(
                    List.of(exposed(1, NONE, session(900, Map.of(), 1)), exposed(2, CRAMPS, session(901, Map.of(), 1))),
                    policy);

            assertThat(insight.doseResponse().byMinutes())
                    .containsExactly(
                            new DoseLevel("0-15", NightTally.of(1, 0)), new DoseLevel(">15", NightTally.of(1, 1)));
        }

        @Test
        void shouldAddAnUnknownLevelForNightsWithoutModeOrIntensity() {
            Insight insight = calculator.compute(
                    List.of(
                            exposed(1, CRAMPS, session(300, Map.of(), ExposureSession.UNKNOWN_INTENSITY)),
                            exposed(2, NONE, session(300, Map.of(Mode.FULL, 300L), 3))),
                    InsightPolicy.defaults());

            assertThat(insight.doseResponse().byMainMode())
                    .containsExactly(
                            new DoseLevel("SEQUENTIAL", NightTally.of(0, 0)),
                            new DoseLevel("WAVE", NightTally.of(0, 0)),
                            new DoseLevel("FULL", NightTally.of(1, 0)),
                            new DoseLevel(DoseResponse.UNKNOWN, NightTally.of(1, 1)));
            assertThat(insight.doseResponse().byMaxIntensity())
                    .containsExactly(
                            new DoseLevel("1", NightTally.of(0, 0)),
                            new DoseLevel("2", NightTally.of(0, 0)),
                            new DoseLevel("3", NightTally.of(1, 0)),
                            new DoseLevel(DoseResponse.UNKNOWN, NightTally.of(1, 1)));
            assertThat(insight.doseResponse().byMaxIntensity().get(0).tally().crampRate())
                    .isEmpty();
        }

        @Test
        void shouldLeaveNightsWithoutSessionsOutOfTheDoseResponse() {
            Insight insight = calculator.compute(List.of(unexposed(1, CRAMPS)), InsightPolicy.defaults());

            assertThat(insight.doseResponse().byMinutes())
                    .extracting(level -> level.tally().nights())
                    .containsOnly(0);
        }
    }

    @Nested
    class Validation {

        @Test
        void shouldRejectTwoRecordsForTheSameNight() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> calculator.compute(
                            List.of(unexposed(1, NONE), unexposed(1, CRAMPS)), InsightPolicy.defaults()));
        }

        @Test
        void shouldDefaultToFourteenNightsNinetyFivePercentAndTenAndTwentyMinutes() {
            assertThat(InsightPolicy.defaults()).isEqualTo(new InsightPolicy(14, 0.95, List.of(10L, 20L)));
        }

        @Test
        void shouldRejectAnUnusablePolicy() {
            assertThatIllegalArgumentException().isThrownBy(() -> new InsightPolicy(0, 0.95, List.of(10L)));
            assertThatIllegalArgumentException().isThrownBy(() -> new InsightPolicy(14, 1.0, List.of(10L)));
            assertThatIllegalArgumentException().isThrownBy(() -> new InsightPolicy(14, 0.95, List.of(20L, 10L)));
            assertThatIllegalArgumentException().isThrownBy(() -> new InsightPolicy(14, 0.95, List.of(0L)));
        }

        @Test
        void shouldRejectAnIntensityOutsideTheDevicesLevels() {
            assertThatIllegalArgumentException().isThrownBy(() -> session(60, Map.of(), 4));
            assertThatIllegalArgumentException().isThrownBy(() -> session(-1, Map.of(), 1));
            assertThatIllegalArgumentException().isThrownBy(() -> session(60, Map.of(Mode.WAVE, -1L), 1));
        }
    }
}
