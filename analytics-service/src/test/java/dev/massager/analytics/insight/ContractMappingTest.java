package dev.massager.analytics.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.diary.Muscle;
import dev.massager.common.session.PressureStats;
import dev.massager.common.session.SessionStatus;
import dev.massager.common.session.SessionSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContractMappingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate NIGHT = LocalDate.parse("2026-06-01");
    private static final Instant WRITTEN = Instant.parse("2026-06-02T06:00:00Z");

    @Nested
    class DiaryEntries {

        @Test
        void shouldReadCrampsAsACrampNight() {
            CrampNight entry = new CrampNight(
                    UUID.randomUUID(),
                    "user-1",
                    NIGHT,
                    2,
                    6,
                    Set.of(Muscle.CALF_LEFT),
                    true,
                    null,
                    BERLIN,
                    WRITTEN,
                    false);

            assertThat(CrampNightState.of(entry)).isEqualTo(CrampNightState.CRAMPS);
        }

        @Test
        void shouldReadZeroCrampsAsExplicitlyNone() {
            CrampNight entry = new CrampNight(
                    UUID.randomUUID(), "user-1", NIGHT, 0, 0, Set.of(), false, null, BERLIN, WRITTEN, false);

            assertThat(CrampNightState.of(entry)).isEqualTo(CrampNightState.NONE);
        }

        @Test
        void shouldReadAMissingOrDeletedEntryAsUnknown() {
            CrampNight deleted = CrampNight.deletion(UUID.randomUUID(), "user-1", NIGHT, BERLIN, WRITTEN);

            assertThat(CrampNightState.of(null)).isEqualTo(CrampNightState.UNKNOWN);
            assertThat(CrampNightState.of(deleted)).isEqualTo(CrampNightState.UNKNOWN);
            assertThat(CrampNightState.UNKNOWN.observed()).isFalse();
        }
    }

    @Nested
    class Sessions {

        @Test
        void shouldKeepDurationModesAndTheHighestIntensity() {
            ExposureSession session = ExposureSession.of(summary(Set.of(1, 3)));

            assertThat(session.seconds()).isEqualTo(900);
            assertThat(session.secondsByMode())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(Mode.WAVE, 600L, Mode.FULL, 300L));
            assertThat(session.maxIntensity()).isEqualTo(3);
        }

        @Test
        void shouldMarkTheIntensityUnknownWhenNoneWasReported() {
            assertThat(ExposureSession.of(summary(Set.of())).maxIntensity())
                    .isEqualTo(ExposureSession.UNKNOWN_INTENSITY);
        }

        private SessionSummary summary(Set<Integer> intensities) {
            Instant start = Instant.parse("2026-06-01T20:00:00Z");
            return new SessionSummary(
                    UUID.randomUUID(),
                    1,
                    "user-1",
                    "massager-0001",
                    "s-1",
                    SessionStatus.ENDED,
                    start,
                    start.plusSeconds(900),
                    EndReason.TIMER,
                    900,
                    Map.of(Mode.WAVE, 600L, Mode.FULL, 300L),
                    intensities,
                    Set.of(Heat.OFF),
                    PressureStats.NONE,
                    900,
                    0,
                    0,
                    "2.3.1",
                    false,
                    BERLIN);
        }
    }
}
