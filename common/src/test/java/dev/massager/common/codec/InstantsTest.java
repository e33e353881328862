package dev.massager.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantsTest {

    @Nested
    class Parse {

        @Test
        void shouldReadWhatInstantWritesAsInstantParseDoes() {
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 100_000; i++) {
                // From 1970 to 2200, with whole seconds, milliseconds, microseconds and nanoseconds.
                long second = random.nextLong(0, 7_258_118_400L);
                int nanos = switch (i % 4) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(1_000) * 1_000_000;
                    case 2 -> random.nextInt(1_000_000) * 1_000;
                    default -> random.nextInt(1_000_000_000);
                };
                String text = Instant.ofEpochSecond(second, nanos).toString();

                assertThat(Instants.parse(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "2026-11-21T21:14:03Z",
                    "2026-11-21T21:14:03.2Z",
                    "2024-02-29T23:59:59.999999999Z",
                    "1970-01-01T00:00:00Z",
                    "2026-11-21T21:14:03.250+01:00",
                    "2026-11-21t21:14:03.250z",
                    "+12026-11-21T21:14:03Z",
                    "2026-12-31T23:59:60Z",
                    "2026-11-21T24:00:00Z",
                    "2026-11-21T21:14:03.Z"
                })
        void shouldAgreeWithInstantParseOnOtherForms(String text) {
            assertThat(Instants.parse(text)).isEqualTo(Instant.parse(text));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "yesterday",
                    "2026-02-30T10:00:00Z",
                    "2025-02-29T10:00:00Z",
                    "2026-13-01T10:00:00Z",
                    "2026-11-21T21:14:03.1234567890Z",
                    "2026-11-21T21:14:0xZ",
                    "2026-11-21 21:14:03Z"
                })
        void shouldRefuseWhatInstantParseRefuses(String text) {
            assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Instants.parse(text)).isInstanceOf(DateTimeParseException.class);
        }
    }
}
