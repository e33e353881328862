package dev.massager.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static final LocalDate NIGHT = LocalDate.of(2026, 10, 24);

    @Nested
    class Determinism {

        @Test
        void shouldGiveTheSameFleetAndNightsForTheSameSeed() {
            Fleet one = new Fleet(FleetSpec.defaults(7, 30));
            Fleet other = new Fleet(FleetSpec.defaults(7, 30));

            assertThat(one.users()).isEqualTo(other.users());
            for (VirtualUser user : one.users()) {
                assertThat(one.night(user, NIGHT))
                        .isEqualTo(other.night(other.users().get(user.index()), NIGHT));
            }
        }

        @Test
        void shouldGiveAnotherFleetForAnotherSeed() {
            assertThat(new Fleet(FleetSpec.defaults(7, 30)).users())
                    .isNotEqualTo(new Fleet(FleetSpec.defaults(8, 30)).users());
        }

        @Test
        void shouldPlanANightTheSameWhateverWasPlannedBefore() {
            Fleet fleet = new Fleet(FleetSpec.defaults(7, 3));
            VirtualUser user = fleet.users().get(2);
            NightPlan alone = fleet.night(user, NIGHT);

            for (int day = 0; day < 20; day++) {
                fleet.night(user, NIGHT.minusDays(day));
            }

            assertThat(fleet.night(user, NIGHT)).isEqualTo(alone);
        }
    }

    @Nested
    class People {

        @Test
        void shouldNameUsersAndDevicesInTurnWithTheirZones() {
            Fleet fleet = new Fleet(FleetSpec.defaults(1, 8));

            assertThat(fleet.users().get(0).id()).isEqualTo("sim-user-0001");
            assertThat(fleet.users().get(0).device().id()).isEqualTo("sim-0001");
            assertThat(fleet.users().get(7).zone()).isEqualTo(FleetSpec.DEFAULT_ZONES.get(1));
            assertThat(fleet.users())
                    .allSatisfy(user -> assertThat(user.device().pairingCode()).matches("[A-Z2-9]{8}"));
        }

        @Test
        void shouldGiveSomeDevicesAWrongClockAndNoneWithoutWrongClocks() {
            Fleet fleet = new Fleet(FleetSpec.defaults(3, 400));
            Fleet right = new Fleet(FleetSpec.builder(3, 400).wrongClockRate(0).build());

            long wrong = fleet.users().stream()
                    .filter(user -> !user.device().clockError().isZero())
                    .count();
            assertThat(wrong).isBetween(6L, 30L);
            assertThat(fleet.users())
                    .anySatisfy(user -> assertThat(user.device().resetClock()).isTrue());
            assertThat(right.users())
                    .allSatisfy(user -> assertThat(user.device().clockError()).isZero());
        }

        @Test
        void shouldRefuseAnEffectThatWouldMakeAChanceAboveOne() {
            assertThatThrownBy(() -> FleetSpec.builder(1, 1).relativeRisk(3.5).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("relativeRisk");
        }
    }

    @Nested
    class Nights {

        private final Fleet fleet = new Fleet(FleetSpec.defaults(11, 60));

        private final List<NightPlan> nights = fleet.users().stream()
                .flatMap(user -> IntStream.range(0, 120).mapToObj(day -> fleet.night(user, NIGHT.minusDays(day))))
                .toList();

        @Test
        void shouldStartEverySessionInTheEveningOfItsNight() {
            assertThat(nights)
                    .allSatisfy(night -> night.session().ifPresent(session -> {
                        ZonedDateTime start =
                                session.start().atZone(night.user().zone());
                        ZonedDateTime evening = ZonedDateTime.of(
                                night.date(), LocalTime.of(19, 0), night.user().zone());
                        assertThat(start).isAfterOrEqualTo(evening);
                        assertThat(start).isBefore(evening.plusMinutes(331));
                    }));
        }

        @Test
        void shouldRunEachSessionNoLongerThanItsTimer() {
            assertThat(nights)
                    .allSatisfy(night -> night.session().ifPresent(session -> {
                        assertThat(session.timerMin()).isIn(10, 15, 20);
                        assertThat(session.length())
                                .isPositive()
                                .isLessThanOrEqualTo(Duration.ofMinutes(session.timerMin()));
                        assertThat(session.changes())
                                .allSatisfy(change -> assertThat(change.after()).isLessThan(session.length()));
                    }));
        }

        @Test
        void shouldLogAboutTheDiaryRateOfNightsAndNoneAsNoCramps() {
            long logged =
                    nights.stream().filter(night -> night.diary().isPresent()).count();

            assertThat((double) logged / nights.size()).isCloseTo(0.85, within(0.02));
            assertThat(nights)
                    .allSatisfy(night -> night.diary().ifPresent(entry -> {
                        assertThat(entry.cramps() > 0).isEqualTo(night.crampNight());
                        if (entry.cramps() == 0) {
                            assertThat(entry.severity()).isZero();
                            assertThat(entry.muscles()).isEmpty();
                            assertThat(entry.wokeUp()).isFalse();
                        }
                        assertThat(entry.writtenAt())
                                .isAfter(ZonedDateTime.of(
                                                night.date().plusDays(1),
                                                LocalTime.of(6, 59),
                                                night.user().zone())
                                        .toInstant());
                    }));
        }

        @Test
        void shouldPlantTheRelativeRiskOfTheSpec() {
            double withSession = crampRate(true);
            double without = crampRate(false);

            // 7,200 nights: the estimate's standard error is about 0.04 on the log scale.
            assertThat(withSession / without).isCloseTo(0.6, within(0.08));
        }

        @Test
        void shouldPlantNoEffectWhenTheSpecSaysNone() {
            Fleet neutral = new Fleet(FleetSpec.builder(11, 60).relativeRisk(1).build());
            List<NightPlan> plans = neutral.users().stream()
                    .flatMap(user -> IntStream.range(0, 120).mapToObj(day -> neutral.night(user, NIGHT.minusDays(day))))
                    .toList();

            assertThat(rate(plans, true) / rate(plans, false)).isCloseTo(1.0, within(0.12));
        }

        private double crampRate(boolean session) {
            return rate(nights, session);
        }

        private static double rate(List<NightPlan> plans, boolean session) {
            List<NightPlan> arm = plans.stream()
                    .filter(night -> night.session().isPresent() == session)
                    .toList();
            return (double) arm.stream().filter(NightPlan::crampNight).count() / arm.size();
        }
    }
}
