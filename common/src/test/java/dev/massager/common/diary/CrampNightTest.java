package dev.massager.common.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.massager.common.PayloadException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CrampNightTest {

    private static final UUID EVENT = UUID.fromString("3d5f7a9b-1c2e-4f60-8a1b-2c3d4e5f6a7b");
    private static final LocalDate NIGHT = LocalDate.of(2026, 11, 21);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant UPDATED = Instant.parse("2026-11-22T07:41:12Z");

    @Test
    void shouldKeepMusclesInADeterministicOrder() {
        CrampNight night = new CrampNight(
                EVENT,
                "u-1",
                NIGHT,
                3,
                5,
                Set.of(Muscle.THIGH_RIGHT, Muscle.CALF_LEFT),
                true,
                null,
                PARIS,
                UPDATED,
                false);

        assertThat(night.muscles()).containsExactly(Muscle.CALF_LEFT, Muscle.THIGH_RIGHT);
    }

    @Test
    void shouldNotBeChangedThroughTheSetItWasBuiltFrom() {
        EnumSet<Muscle> muscles = EnumSet.of(Muscle.FOOT_LEFT);
        CrampNight night = new CrampNight(EVENT, "u-1", NIGHT, 1, 2, muscles, false, null, PARIS, UPDATED, false);

        muscles.add(Muscle.FOOT_RIGHT);

        assertThat(night.muscles()).containsExactly(Muscle.FOOT_LEFT);
    }

    @Test
    void shouldRefuseAWokeUpNightWithoutCramps() {
        assertThatExceptionOfType(PayloadException.class)
                .isThrownBy(
                        () -> new CrampNight(EVENT, "u-1", NIGHT, 0, 0, Set.of(), true, null, PARIS, UPDATED, false))
                .satisfies(e -> assertThat(e.field()).hasValue("/wokeUp"));
    }

    @Test
    void shouldDescribeADeletionAsAnEmptyDeletedEntry() {
        CrampNight deletion = CrampNight.deletion(EVENT, "u-1", NIGHT, PARIS, UPDATED);

        assertThat(deletion.deleted()).isTrue();
        assertThat(deletion.cramps()).isZero();
        assertThat(deletion.crampFree()).isFalse();
    }
}
