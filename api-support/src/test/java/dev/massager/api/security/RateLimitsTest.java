package dev.massager.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private final ManualClock clock = new ManualClock();
    private final RateLimits limits =
            new RateLimits(new RateLimitProperties(20, 40, 10, Duration.ofMinutes(15), 1000), clock);

    @Nested
    class Requests {

        @Test
        void shouldAllowABurstThenTheSustainedRate() {
            assertThat(IntStream.range(0, 40).mapToObj(i -> limits.request("alice")))
                    .allSatisfy(wait -> assertThat(wait).isEmpty());
            assertThat(limits.request("alice"))
                    .hasValueSatisfying(
                            wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(50)));

            clock.advance(Duration.ofMillis(50));

            assertThat(limits.request("alice"))
                    .as("one token refilled after 1/20 s")
                    .isEmpty();
            assertThat(limits.request("alice")).isPresent();
        }

        @Test
        void shouldKeepEachUsersBudgetApart() {
            IntStream.range(0, 41).forEach(i -> limits.request("alice"));

            assertThat(limits.request("alice")).isPresent();
            assertThat(limits.request("bob")).isEmpty();
        }
    }

    @Nested
    class Attempts {

        @Test
        void shouldAllowTenAttemptsPerFifteenMinutes() {
            assertThat(IntStream.range(0, 10).mapToObj(i -> limits.attempt("alice")))
                    .allSatisfy(wait -> assertThat(wait).isEmpty());
            assertThat(limits.attempt("alice"))
                    .hasValueSatisfying(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(90)));

            clock.advance(Duration.ofSeconds(90));

            assertThat(limits.attempt("alice")).isEmpty();
            assertThat(limits.attempt("alice")).isPresent();
        }
    }

    private static final class ManualClock implements TimeMeter {

        private long nanos = 1_000_000_000L;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
