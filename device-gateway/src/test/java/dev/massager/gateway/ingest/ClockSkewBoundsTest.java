package dev.massager.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClockSkewBoundsTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-21T21:14:03.311Z");

    private final ClockSkewBounds bounds = new ClockSkewBounds(Duration.ofMinutes(5), Duration.ofDays(7));

    @Nested
    class Ahead {

        @Test
        void shouldAcceptATimestampEqualToTheReceiveTime() {
            assertThat(bounds.isSkewed(RECEIVED_AT, RECEIVED_AT)).isFalse();
        }

        @Test
        void shouldAcceptATimestampExactlyAtTheBound() {
            assertThat(bounds.isSkewed(RECEIVED_AT.plus(Duration.ofMinutes(5)), RECEIVED_AT))
                    .isFalse();
        }

        @Test
        void shouldFlagATimestampOneNanosecondBeyondTheBound() {
            assertThat(bounds.isSkewed(RECEIVED_AT.plus(Duration.ofMinutes(5)).plusNanos(1), RECEIVED_AT))
                    .isTrue();
        }

        @Test
        void shouldFlagATimestampFarInTheFuture() {
            assertThat(bounds.isSkewed(Instant.parse("2099-01-01T00:00:00Z"), RECEIVED_AT))
                    .isTrue();
        }
    }

    @Nested
    class Behind {

        @Test
        void shouldAcceptABacklogAFewHoursOld() {
            assertThat(bounds.isSkewed(RECEIVED_AT.minus(Duration.ofHours(3)), RECEIVED_AT))
                    .isFalse();
        }

        @Test
        void shouldAcceptATimestampExactlyAtTheBound() {
            assertThat(bounds.isSkewed(RECEIVED_AT.minus(Duration.ofDays(7)), RECEIVED_AT))
                    .isFalse();
        }

        @Test
        void shouldFlagATimestampOneNanosecondBeyondTheBound() {
            assertThat(bounds.isSkewed(RECEIVED_AT.minus(Duration.ofDays(7)).minusNanos(1), RECEIVED_AT))
                    .isTrue();
        }

        @Test
        void shouldFlagAClockResetTo1970() {
            assertThat(bounds.isSkewed(Instant.EPOCH, RECEIVED_AT)).isTrue();
        }

        @Test
        void shouldFlagTheExtremesOfTime() {
            assertThat(bounds.isSkewed(Instant.MIN, RECEIVED_AT)).isTrue();
            assertThat(bounds.isSkewed(Instant.MAX, RECEIVED_AT)).isTrue();
        }
    }

    @Nested
    class Bounds {

        @Test
        void shouldTreatTheDirectionsApart() {
            ClockSkewBounds lopsided = new ClockSkewBounds(Duration.ofSeconds(1), Duration.ofDays(1));

            assertThat(lopsided.isSkewed(RECEIVED_AT.plus(Duration.ofHours(1)), RECEIVED_AT))
                    .isTrue();
            assertThat(lopsided.isSkewed(RECEIVED_AT.minus(Duration.ofHours(1)), RECEIVED_AT))
                    .isFalse();
        }

        @Test
        void shouldFlagAnyDifferenceWhenBothBoundsAreZero() {
            ClockSkewBounds strict = new ClockSkewBounds(Duration.ZERO, Duration.ZERO);

            assertThat(strict.isSkewed(RECEIVED_AT, RECEIVED_AT)).isFalse();
            assertThat(strict.isSkewed(RECEIVED_AT.plusNanos(1), RECEIVED_AT)).isTrue();
            assertThat(strict.isSkewed(RECEIVED_AT.minusNanos(1), RECEIVED_AT)).isTrue();
        }

        @Test
        void shouldRefuseANegativeBound() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ClockSkewBounds(Duration.ofSeconds(-1), Duration.ofDays(7)));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ClockSkewBounds(Duration.ofMinutes(5), Duration.ofSeconds(-1)));
        }

        @Test
        void shouldWorkWithBoundsBeyondTheRangeOfTime() {
            var unbounded = new ClockSkewBounds(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE));

            assertThat(unbounded.isSkewed(Instant.EPOCH, Instant.parse("2026-11-21T21:14:03Z")))
                    .isFalse();
            assertThat(unbounded.isSkewed(Instant.MAX, Instant.MIN)).isFalse();
        }

        @Test
        void shouldRequireBothBounds() {
            assertThatNullPointerException().isThrownBy(() -> new ClockSkewBounds(null, Duration.ofDays(7)));
            assertThatNullPointerException().isThrownBy(() -> new ClockSkewBounds(Duration.ofMinutes(5), null));
        }
    }
}
