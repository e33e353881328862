package dev.massager.session.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.session.users.TimeZones.ZoneChange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimeZonesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Berlin from 1 March, New York from 10 March 15:00 UTC (11:00 in New York). */
    static final List<ZoneChange> HISTORY = List.of(
            new ZoneChange(BERLIN, Instant.parse("2025-03-01T09:00:00Z")),
            new ZoneChange(NEW_YORK, Instant.parse("2025-03-10T15:00:00Z")));

    @Nested
    class AtAnInstant {

        @Test
        void shouldTakeTheLatestChangeAtOrBeforeTheInstant() {
            assertThat(TimeZones.zoneAt(HISTORY, Instant.parse("2025-03-05T00:00:00Z")))
                    .isEqualTo(BERLIN);
            assertThat(TimeZones.zoneAt(HISTORY, Instant.parse("2025-03-10T15:00:00Z")))
                    .isEqualTo(NEW_YORK);
        }

        @Test
        void shouldTakeTheFirstZoneBeforeTheUserExisted() {
            assertThat(TimeZones.zoneAt(HISTORY, Instant.parse("2020-01-01T00:00:00Z")))
                    .isEqualTo(BERLIN);
        }

        @Test
        void shouldKnowNoZoneWithoutHistory() {
            assertThat(TimeZones.zoneAt(List.of(), Instant.now())).isNull();
        }
    }

    @Nested
    class ForANight {

        @Test
        void shouldTakeTheZoneInForceAtNoonOfTheNight() {
            // 10 March 12:00 in New York is 16:00 UTC, after the move at 15:00 UTC.
            assertThat(TimeZones.zoneForNight(HISTORY, LocalDate.parse("2025-03-10")))
                    .isEqualTo(NEW_YORK);
            assertThat(TimeZones.zoneForNight(HISTORY, LocalDate.parse("2025-03-09")))
                    .isEqualTo(BERLIN);
        }

        @Test
        void shouldKeepTheOldZoneWhenTheMoveCameAfterNoon() {
            var lateMove = List.of(
                    new ZoneChange(BERLIN, Instant.parse("2025-03-01T09:00:00Z")),
                    new ZoneChange(NEW_YORK, Instant.parse("2025-03-10T18:00:00Z")));

            assertThat(TimeZones.zoneForNight(lateMove, LocalDate.parse("2025-03-10")))
                    .isEqualTo(BERLIN);
        }

        @Test
        void shouldTakeTheFirstZoneForNightsBeforeTheUserExisted() {
            assertThat(TimeZones.zoneForNight(HISTORY, LocalDate.parse("2024-12-24")))
                    .isEqualTo(BERLIN);
        }
    }
}
