package dev.massager.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InFlightTest {

    private final InFlight inFlight = new InFlight();

    /** Lets at least {@code duration} of monotonic time pass, so ages can be bounded from below. */
    private static void letPass(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Nested
    class Count {

        @Test
        void shouldStartEmpty() {
            assertThat(inFlight.count()).isZero();
        }

        @Test
        void shouldCountEveryMessageUntilItEnds() {
            long first = inFlight.begin();
            long second = inFlight.begin();
            long third = inFlight.begin();

            assertThat(inFlight.count()).isEqualTo(3);

            inFlight.end(second);
            assertThat(inFlight.count()).isEqualTo(2);

            inFlight.end(first);
            inFlight.end(third);
            assertThat(inFlight.count()).isZero();
        }

        @Test
        void shouldHandOutADistinctTicketEachTime() {
            long first = inFlight.begin();
            long second = inFlight.begin();

            assertThat(first).isNotEqualTo(second);
        }
    }

    @Nested
    class End {

        @Test
        void shouldSayHowLongTheMessageWasInFlight() {
            long ticket = inFlight.begin();
            letPass(Duration.ofMillis(20));

            assertThat(inFlight.end(ticket)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        }

        @Test
        void shouldTakeZeroForAnUnknownTicket() {
            long ticket = inFlight.begin();

            assertThat(inFlight.end(ticket + 1_000)).isEqualTo(Duration.ZERO);
            assertThat(inFlight.count())
                    .as("the known ticket is still in flight")
                    .isEqualTo(1);
        }

        @Test
        void shouldTakeZeroForATicketEndedTwice() {
            long ticket = inFlight.begin();
            inFlight.end(ticket);

            assertThat(inFlight.end(ticket)).isEqualTo(Duration.ZERO);
            assertThat(inFlight.count()).isZero();
        }
    }

    @Nested
    class Oldest {

        @Test
        void shouldBeZeroWhenNothingWaits() {
            assertThat(inFlight.oldest()).isEqualTo(Duration.ZERO);
        }

        @Test
        void shouldBeZeroAgainOnceEverythingEnded() {
            long ticket = inFlight.begin();
            letPass(Duration.ofMillis(5));
            inFlight.end(ticket);

            assertThat(inFlight.oldest()).isEqualTo(Duration.ZERO);
        }

        @Test
        void shouldBeTheAgeOfTheLongestWaitingMessage() {
            long before = System.nanoTime();
            inFlight.begin();
            letPass(Duration.ofMillis(50));
            inFlight.begin();

            Duration oldest = inFlight.oldest();

            assertThat(oldest)
                    .as("the first message's age, not the second's")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50))
                    .isLessThanOrEqualTo(Duration.ofNanos(System.nanoTime() - before));
        }

        @Test
        void shouldMoveOnToTheNextOldestWhenTheOldestEnds() {
            long oldest = inFlight.begin();
            letPass(Duration.ofMillis(5));
            long afterTheOldest = System.nanoTime();
            inFlight.begin();
            inFlight.end(oldest);

            Duration age = inFlight.oldest();

            assertThat(age).isLessThanOrEqualTo(Duration.ofNanos(System.nanoTime() - afterTheOldest));
        }
    }
}
