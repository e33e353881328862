package dev.massager.analytics.nights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NightCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final NightCalendar calendar = new NightCalendar(NightPolicy.defaults());

    private static Instant local(String dateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(dateTime), zone).toInstant();
    }

    @Nested
    class Policy {

        @Test
        void shouldDefaultToNoonAndFourInTheMorning() {
            assertThat(NightPolicy.defaults()).isEqualTo(new NightPolicy(LocalTime.NOON, LocalTime.of(4, 0)));
        }

        @Test
        void shouldRejectACutoffThatIsNotBeforeTheNightStart() {
            assertThatIllegalArgumentException().isThrownBy(() -> new NightPolicy(LocalTime.NOON, LocalTime.NOON));
            assertThatIllegalArgumentException().isThrownBy(() -> new NightPolicy(LocalTime.NOON, LocalTime.of(13, 0)));
        }
    }

    @Nested
    class AroundTheBoundariesOfAnOrdinaryDay {

        @ParameterizedTest(name = "a session at {0} local is exposure for night {1}")
        @CsvSource({
            "2026-06-10T03:59, 2026-06-09",
            "2026-06-10T04:00, ",
            "2026-06-10T11:59, ",
            "2026-06-10T12:00, 2026-06-10",
            "2026-06-10T23:59, 2026-06-10",
            "2026-06-11T00:00, 2026-06-10",
        })
        void shouldAssignExposureByLocalTimeOfTheStart(String start, LocalDate night) {
            assertThat(calendar.exposureNight(local(start, BERLIN), BERLIN)).isEqualTo(Optional.ofNullable(night));
        }

        @ParameterizedTest(name = "{0} local belongs to night {1}")
        @CsvSource({
            "2026-06-10T03:59, 2026-06-09",
            "2026-06-10T04:00, 2026-06-09",
            "2026-06-10T11:59:59.999, 2026-06-09",
            "2026-06-10T12:00, 2026-06-10",
        })
        void shouldPutMorningsInThePreviousDatesNight(String time, LocalDate night) {
            assertThat(calendar.nightOf(local(time, BERLIN), BERLIN)).isEqualTo(night);
        }

        @Test
        void shouldSpanTwentyFourHoursFromNoonToNoon() {
            NightBounds bounds = calendar.bounds(LocalDate.parse("2026-06-10"), BERLIN);

            assertThat(bounds.start()).isEqualTo(Instant.parse("2026-06-10T10:00:00Z"));
            assertThat(bounds.exposureEnd()).isEqualTo(Instant.parse("2026-06-11T02:00:00Z"));
            assertThat(bounds.end()).isEqualTo(Instant.parse("2026-06-11T10:00:00Z"));
            assertThat(bounds.length()).isEqualTo(Duration.ofHours(24));
            assertThat(bounds.contains(bounds.start())).isTrue();
            assertThat(bounds.contains(bounds.end())).isFalse();
            assertThat(bounds.isExposure(bounds.exposureEnd().minusNanos(1))).isTrue();
            assertThat(bounds.isExposure(bounds.exposureEnd())).isFalse();
        }

        @Test
        void shouldTileTheTimeLineWithConsecutiveNights() {
            NightBounds first = calendar.bounds(LocalDate.parse("2026-06-10"), BERLIN);
            NightBounds second = calendar.bounds(LocalDate.parse("2026-06-11"), BERLIN);

            assertThat(second.start()).isEqualTo(first.end());
        }
    }

    @Nested
    class ConfigurableCutoff {

        private final NightCalendar fiveOClock = new NightCalendar(NightPolicy.withExposureCutoff(LocalTime.of(5, 0)));

        @Test
        void shouldCountSessionsBeforeTheLaterCutoff() {
            assertThat(fiveOClock.exposureNight(local("2026-06-10T04:30", BERLIN), BERLIN))
                    .contains(LocalDate.parse("2026-06-09"));
            assertThat(fiveOClock.exposureNight(local("2026-06-10T04:59", BERLIN), BERLIN))
                    .contains(LocalDate.parse("2026-06-09"));
        }

        @Test
        void shouldCountNoNightFromTheLaterCutoff() {
            assertThat(fiveOClock.exposureNight(local("2026-06-10T05:00", BERLIN), BERLIN))
                    .isEmpty();
            assertThat(fiveOClock.bounds(LocalDate.parse("2026-06-09"), BERLIN).exposureEnd())
                    .isEqualTo(Instant.parse("2026-06-10T03:00:00Z"));
        }

        @Test
        void shouldNotMoveTheNightItself() {
            assertThat(fiveOClock.nightOf(local("2026-06-10T05:00", BERLIN), BERLIN))
                    .isEqualTo(LocalDate.parse("2026-06-09"));
        }
    }

    @Nested
    class SpringForwardInBerlin {

        // 2026-03-29 02:00 CET becomes 03:00 CEST.
        private final LocalDate night = LocalDate.parse("2026-03-28");

        @Test
        void shouldLastTwentyThreeHours() {
            NightBounds bounds = calendar.bounds(night, BERLIN);

            assertThat(bounds.start()).isEqualTo(Instant.parse("2026-03-28T11:00:00Z"));
            assertThat(bounds.end()).isEqualTo(Instant.parse("2026-03-29T10:00:00Z"));
            assertThat(bounds.length()).isEqualTo(Duration.ofHours(23));
        }

        @Test
        void shouldCountSessionsAroundTheGapForTheNightBefore() {
            assertThat(calendar.exposureNight(Instant.parse("2026-03-29T00:30:00Z"), BERLIN))
                    .as("01:30 CET")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-03-29T01:59:00Z"), BERLIN))
                    .as("03:59 CEST")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-03-29T02:00:00Z"), BERLIN))
                    .as("04:00 CEST")
                    .isEmpty();
        }

        @Test
        void shouldReadANonexistentLocalTimeAsShiftedForwardByTheGap() {
            Instant twoThirty = local("2026-03-29T02:30", BERLIN);

            assertThat(twoThirty).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
            assertThat(calendar.exposureNight(twoThirty, BERLIN)).contains(night);
        }

        @Test
        void shouldStartTheExposureCutoffInSummerTime() {
            assertThat(calendar.bounds(night, BERLIN).exposureEnd()).isEqualTo(Instant.parse("2026-03-29T02:00:00Z"));
        }
    }

    @Nested
    class FallBackInBerlin {

        // 2026-10-25 03:00 CEST becomes 02:00 CET: 02:00 to 02:59 happen twice.
        private final LocalDate night = LocalDate.parse("2026-10-24");

        @Test
        void shouldLastTwentyFiveHours() {
            NightBounds bounds = calendar.bounds(night, BERLIN);

            assertThat(bounds.start()).isEqualTo(Instant.parse("2026-10-24T10:00:00Z"));
            assertThat(bounds.end()).isEqualTo(Instant.parse("2026-10-25T11:00:00Z"));
            assertThat(bounds.length()).isEqualTo(Duration.ofHours(25));
        }

        @Test
        void shouldCountBothHalfPastTwosForTheNightBefore() {
            Instant firstTwoThirty = Instant.parse("2026-10-25T00:30:00Z");
            Instant secondTwoThirty = Instant.parse("2026-10-25T01:30:00Z");
            assertThat(firstTwoThirty.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(2, 30));
            assertThat(secondTwoThirty.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(2, 30));

            assertThat(calendar.exposureNight(firstTwoThirty, BERLIN)).contains(night);
            assertThat(calendar.exposureNight(secondTwoThirty, BERLIN)).contains(night);
        }

        @Test
        void shouldCountOneThirtyAndThreeFiftyNineButNotFour() {
            assertThat(calendar.exposureNight(Instant.parse("2026-10-24T23:30:00Z"), BERLIN))
                    .as("01:30 CEST")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-10-25T02:59:00Z"), BERLIN))
                    .as("03:59 CET")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-10-25T03:00:00Z"), BERLIN))
                    .as("04:00 CET")
                    .isEmpty();
        }

        @Test
        void shouldTakeTheEarlierOffsetForAnAmbiguousLocalTime() {
            assertThat(local("2026-10-25T02:30", BERLIN)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        }
    }

    @Nested
    class SpringForwardInNewYork {

        // 2026-03-08 02:00 EST becomes 03:00 EDT.
        private final LocalDate night = LocalDate.parse("2026-03-07");

        @Test
        void shouldLastTwentyThreeHours() {
            NightBounds bounds = calendar.bounds(night, NEW_YORK);

            assertThat(bounds.start()).isEqualTo(Instant.parse("2026-03-07T17:00:00Z"));
            assertThat(bounds.end()).isEqualTo(Instant.parse("2026-03-08T16:00:00Z"));
            assertThat(bounds.length()).isEqualTo(Duration.ofHours(23));
        }

        @Test
        void shouldCountSessionsAroundTheGapForTheNightBefore() {
            assertThat(calendar.exposureNight(Instant.parse("2026-03-08T06:30:00Z"), NEW_YORK))
                    .as("01:30 EST")
                    .contains(night);
            assertThat(calendar.exposureNight(local("2026-03-08T02:30", NEW_YORK), NEW_YORK))
                    .as("02:30, read as 03:30 EDT")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-03-08T07:59:00Z"), NEW_YORK))
                    .as("03:59 EDT")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-03-08T08:00:00Z"), NEW_YORK))
                    .as("04:00 EDT")
                    .isEmpty();
        }
    }

    @Nested
    class FallBackInNewYork {

        // 2026-11-01 02:00 EDT becomes 01:00 EST: 01:00 to 01:59 happen twice.
        private final LocalDate night = LocalDate.parse("2026-10-31");

        @Test
        void shouldLastTwentyFiveHours() {
            NightBounds bounds = calendar.bounds(night, NEW_YORK);

            assertThat(bounds.start()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
            assertThat(bounds.end()).isEqualTo(Instant.parse("2026-11-01T17:00:00Z"));
            assertThat(bounds.length()).isEqualTo(Duration.ofHours(25));
        }

        @Test
        void shouldCountSessionsAroundTheOverlapForTheNightBefore() {
            assertThat(calendar.exposureNight(Instant.parse("2026-11-01T05:30:00Z"), NEW_YORK))
                    .as("first 01:30 (EDT)")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-11-01T06:30:00Z"), NEW_YORK))
                    .as("second 01:30 (EST)")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-11-01T07:30:00Z"), NEW_YORK))
                    .as("02:30 EST")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-11-01T08:59:00Z"), NEW_YORK))
                    .as("03:59 EST")
                    .contains(night);
            assertThat(calendar.exposureNight(Instant.parse("2026-11-01T09:00:00Z"), NEW_YORK))
                    .as("04:00 EST")
                    .isEmpty();
        }
    }

    @Nested
    class UserWhoMovesFromBerlinToTokyo {

        @Test
        void shouldMapTwentyThreeHundredInEachZoneToConsecutiveNights() {
            Instant lastInBerlin = Instant.parse("2026-06-01T21:00:00Z");
            Instant firstInTokyo = Instant.parse("2026-06-02T14:00:00Z");
            assertThat(lastInBerlin.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(23, 0));
            assertThat(firstInTokyo.atZone(TOKYO).toLocalTime()).isEqualTo(LocalTime.of(23, 0));

            assertThat(calendar.exposureNight(lastInBerlin, BERLIN)).contains(LocalDate.parse("2026-06-01"));
            assertThat(calendar.exposureNight(firstInTokyo, TOKYO)).contains(LocalDate.parse("2026-06-02"));
        }

        @Test
        void shouldPutTheSameInstantInDifferentNightsPerZone() {
            Instant t = Instant.parse("2026-06-02T05:00:00Z"); // 07:00 in Berlin, 14:00 in Tokyo

            assertThat(calendar.nightOf(t, BERLIN)).isEqualTo(LocalDate.parse("2026-06-01"));
            assertThat(calendar.nightOf(t, TOKYO)).isEqualTo(LocalDate.parse("2026-06-02"));
            assertThat(calendar.exposureNight(t, BERLIN)).isEmpty();
            assertThat(calendar.exposureNight(t, TOKYO)).contains(LocalDate.parse("2026-06-02"));
        }

        @Test
        void shouldKeepEachNightInItsOwnZone() {
            NightBounds berlin = calendar.bounds(LocalDate.parse("2026-06-01"), BERLIN);
            NightBounds tokyo = calendar.bounds(LocalDate.parse("2026-06-02"), TOKYO);

            assertThat(berlin.start()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
            assertThat(tokyo.start()).isEqualTo(Instant.parse("2026-06-02T03:00:00Z"));
            assertThat(tokyo.length()).isEqualTo(Duration.ofHours(24));
        }

        @Test
        void shouldWorkWithAFixedOffsetZone() {
            assertThat(calendar.nightOf(Instant.parse("2026-06-02T09:59:00Z"), ZoneOffset.ofHours(2)))
                    .isEqualTo(LocalDate.parse("2026-06-01"));
        }
    }
}
