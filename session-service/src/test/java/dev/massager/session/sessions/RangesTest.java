package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RangesTest {

    private static Ranges ranges(long... values) {
        Ranges ranges = Ranges.EMPTY;
        for (long value : values) {
            ranges = ranges.with(value);
        }
        return ranges;
    }

    /** The flat ranges of a set of values, the slow and obvious way. */
    private static long[] flatRanges(TreeSet<Long> values) {
        List<Long> bounds = new ArrayList<>();
        Long lo = null;
        Long previous = null;
        for (long value : values) {
            if (previous == null || value != previous + 1) {
                if (lo != null) {
                    bounds.add(lo);
                    bounds.add(previous);
                }
                lo = value;
            }
            previous = value;
        }
        if (lo != null) {
            bounds.add(lo);
            bounds.add(previous);
        }
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }

    /** The lengths of the runs of values in [lower, upper] that are not in the set, the slow and obvious way. */
    private static List<Long> modelHoles(TreeSet<Long> values, long lower, long upper) {
        List<Long> holes = new ArrayList<>();
        long run = 0;
        for (long value = lower; value <= upper; value++) {
            if (values.contains(value)) {
                if (run > 0) {
                    holes.add(run);
                }
                run = 0;
            } else {
                run++;
            }
        }
        if (run > 0) {
            holes.add(run);
        }
        return holes;
    }

    @Nested
    class Adding {

        @Test
        void shouldStartEmpty() {
            assertThat(Ranges.EMPTY.toArray()).isEmpty();
            assertThat(Ranges.EMPTY.count()).isZero();
            assertThat(Ranges.EMPTY.contains(0)).isFalse();
            assertThat(Ranges.EMPTY).hasToString("[]");
        }

        @Test
        void shouldHoldASingleValueAsARangeOfOne() {
            Ranges ranges = Ranges.EMPTY.with(7);

            assertThat(ranges.toArray()).containsExactly(7, 7);
            assertThat(ranges.count()).isEqualTo(1);
            assertThat(ranges.contains(7)).isTrue();
            assertThat(ranges.contains(6)).isFalse();
            assertThat(ranges.contains(8)).isFalse();
        }

        @Test
        void shouldReturnTheSameInstanceForAValueAlreadyIn() {
            Ranges ranges = ranges(1, 2, 3, 10);

            assertThat(ranges.with(2)).isSameAs(ranges);
            assertThat(ranges.with(10)).isSameAs(ranges);
        }

        @Test
        void shouldNotChangeTheSetItWasAddedTo() {
            Ranges before = ranges(1, 2);

            Ranges after = before.with(3);

            assertThat(before.toArray()).containsExactly(1, 2);
            assertThat(after.toArray()).containsExactly(1, 3);
        }

        @Test
        void shouldExtendARangeUpwards() {
            assertThat(ranges(5, 6).toArray()).containsExactly(5, 6);
        }

        @Test
        void shouldExtendARangeDownwards() {
            assertThat(ranges(6, 5).toArray()).containsExactly(5, 6);
        }

        @Test
        void shouldMergeTheNeighboursOnBothSides() {
            assertThat(ranges(1, 3, 2).toArray()).containsExactly(1, 3);
            assertThat(ranges(1, 2, 4, 5, 3).toArray()).containsExactly(1, 5);
        }

        @Test
        void shouldMergeTheNeighboursOnBothSidesAmongOtherRanges() {
            Ranges ranges = ranges(0, 4, 5, 7, 8, 12, 20);

            assertThat(ranges.toArray()).containsExactly(0, 0, 4, 5, 7, 8, 12, 12, 20, 20);
            assertThat(ranges.with(6).toArray()).containsExactly(0, 0, 4, 8, 12, 12, 20, 20);
        }

        @Test
        void shouldKeepValuesTwoApartAsSeparateRanges() {
            assertThat(ranges(1, 3).toArray()).containsExactly(1, 1, 3, 3);
        }

        @Test
        void shouldInsertARangeBeforeBetweenAndAfterTheOthers() {
            Ranges ranges = ranges(10, 20);

            assertThat(ranges.with(0).toArray()).containsExactly(0, 0, 10, 10, 20, 20);
            assertThat(ranges.with(15).toArray()).containsExactly(10, 10, 15, 15, 20, 20);
            assertThat(ranges.with(30).toArray()).containsExactly(10, 10, 20, 20, 30, 30);
        }

        @Test
        void shouldHoldNegativeAndExtremeValues() {
            Ranges ranges = ranges(Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 1);

            assertThat(ranges.toArray())
                    .containsExactly(Long.MIN_VALUE, Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE);
            assertThat(ranges.count()).isEqualTo(5);
            assertThat(ranges.contains(Long.MAX_VALUE)).isTrue();
            assertThat(ranges.contains(Long.MIN_VALUE)).isTrue();
            assertThat(ranges.contains(Long.MIN_VALUE + 1)).isFalse();
        }

        @Test
        void shouldCountEveryValueOfEveryRange() {
            assertThat(ranges(1, 2, 3, 10, 11, 20).count()).isEqualTo(6);
        }

        @Test
        void shouldWriteItsRangesAsText() {
            assertThat(ranges(1, 2, 3, 7)).hasToString("[1..3, 7]");
        }

        @Test
        void shouldBeEqualToTheSameRangesBuiltInAnotherOrder() {
            Ranges one = ranges(1, 2, 3, 9);
            Ranges other = ranges(9, 3, 1, 2);

            assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
            assertThat(one).isNotEqualTo(ranges(1, 2, 3));
        }

        @Test
        void shouldAgreeWithASortedSetWhateverTheOrderOfAdding() {
            Random random = new Random(20261121);
            for (int round = 0; round < 300; round++) {
                int span = 1 + random.nextInt(round < 150 ? 30 : 400);
                long offset = random.nextInt(2001) - 1000;
                List<Long> values = new ArrayList<>();
                int count = random.nextInt(2 * span);
                for (int i = 0; i < count; i++) {
                    values.add(offset + random.nextInt(span));
                }
                TreeSet<Long> model = new TreeSet<>(values);
                Ranges inOrder =
                        ranges(values.stream().mapToLong(Long::longValue).toArray());
                Collections.shuffle(values, random);
                Ranges shuffled =
                        ranges(values.stream().mapToLong(Long::longValue).toArray());

                assertThat(inOrder.toArray()).as("round %d: %s", round, values).containsExactly(flatRanges(model));
                assertThat(shuffled).as("round %d", round).isEqualTo(inOrder);
                assertThat(inOrder.count()).isEqualTo(model.size());
                for (long value = offset - 2; value < offset + span + 2; value++) {
                    assertThat(inOrder.contains(value)).as("contains %d", value).isEqualTo(model.contains(value));
                }
                long lower = offset - 3 + random.nextInt(span + 6);
                long upper = lower - 2 + random.nextInt(span + 6);
                assertThat(inOrder.holes(lower, upper))
                        .as("holes in [%d, %d] of %s", lower, upper, inOrder)
                        .isEqualTo(modelHoles(model, lower, upper));
            }
        }
    }

    @Nested
    class Holes {

        @Test
        void shouldFindTheWholeIntervalMissingFromAnEmptySet() {
            assertThat(Ranges.EMPTY.holes(10, 19)).containsExactly(10L);
        }

        @Test
        void shouldFindOneMissingValueInAnIntervalOfOne() {
            assertThat(Ranges.EMPTY.holes(5, 5)).containsExactly(1L);
            assertThat(ranges(5).holes(5, 5)).isEmpty();
        }

        @Test
        void shouldFindNoHolesWhenUpperIsBelowLower() {
            assertThat(Ranges.EMPTY.holes(10, 9)).isEmpty();
            assertThat(ranges(1, 2, 3).holes(3, 1)).isEmpty();
        }

        @Test
        void shouldFindNoHolesInAFullyCoveredInterval() {
            assertThat(ranges(LongStream.rangeClosed(0, 20).toArray()).holes(3, 17))
                    .isEmpty();
        }

        @Test
        void shouldNotCountAValueAtTheLowerBoundAsAHole() {
            assertThat(ranges(10, 13).holes(10, 13)).containsExactly(2L);
        }

        @Test
        void shouldFindAHoleAtEachEdge() {
            assertThat(ranges(12, 13, 14).holes(10, 17)).containsExactly(2L, 3L);
        }

        @Test
        void shouldFindTheHolesInPositionOrder() {
            assertThat(ranges(1, 5, 6, 10, 11, 12, 20).holes(1, 20)).containsExactly(3L, 3L, 7L);
        }

        @Test
        void shouldClipRangesThatStickOutOfTheInterval() {
            Ranges ranges = ranges(LongStream.rangeClosed(0, 5).toArray())
                    .with(8)
                    .with(9)
                    .with(20);

            assertThat(ranges.holes(3, 15)).containsExactly(2L, 6L);
            assertThat(ranges.holes(7, 8)).containsExactly(1L);
            assertThat(ranges.holes(15, 25)).containsExactly(5L, 5L);
        }

        @Test
        void shouldFindOneHoleWhenTheOnlyRangesLieOutsideTheInterval() {
            assertThat(ranges(1, 2, 30, 31).holes(10, 20)).containsExactly(11L);
        }

        @Test
        void shouldFindTheHoleBelowARangeEndingAtTheLargestValue() {
            Ranges ranges = ranges(Long.MAX_VALUE - 1, Long.MAX_VALUE);

            assertThat(ranges.holes(Long.MAX_VALUE - 10, Long.MAX_VALUE)).containsExactly(9L);
        }
    }

    @Nested
    class FlatForm {

        @Test
        void shouldRoundTripThroughTheFlatForm() {
            Ranges ranges = ranges(-4, -3, 0, 1, 2, 9, 100);

            assertThat(Ranges.of(ranges.toArray())).isEqualTo(ranges);
        }

        @Test
        void shouldReadTheEmptyFlatFormAsTheEmptySet() {
            assertThat(Ranges.of()).isSameAs(Ranges.EMPTY);
        }

        @Test
        void shouldNotShareItsArrays() {
            long[] bounds = {1, 3};
            Ranges ranges = Ranges.of(bounds);

            bounds[1] = 100;
            ranges.toArray()[1] = 200;

            assertThat(ranges.toArray()).containsExactly(1, 3);
        }

        @Test
        void shouldAcceptRangesOfOneValue() {
            assertThat(Ranges.of(1, 1, 3, 3).count()).isEqualTo(2);
        }

        @Test
        void shouldRejectAnOddNumberOfBounds() {
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(1));
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(1, 2, 5));
        }

        @Test
        void shouldRejectARangeWhoseEndIsBelowItsStart() {
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(5, 4));
        }

        @Test
        void shouldRejectUnsortedRanges() {
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(10, 12, 1, 2));
        }

        @Test
        void shouldRejectOverlappingRanges() {
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(1, 5, 5, 8));
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(1, 5, 3, 8));
        }

        @Test
        void shouldRejectAdjacentRanges() {
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(1, 5, 6, 8));
        }

        @Test
        void shouldRejectUnsortedRangesAtTheExtremes() {
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(5, 5, Long.MIN_VALUE, Long.MIN_VALUE));
            assertThatIllegalArgumentException().isThrownBy(() -> Ranges.of(Long.MAX_VALUE, Long.MAX_VALUE, 0, 0));
        }

        @Test
        void shouldAcceptRangesAtTheExtremes() {
            Ranges ranges = Ranges.of(Long.MIN_VALUE, Long.MIN_VALUE, 0, 0, Long.MAX_VALUE, Long.MAX_VALUE);

            assertThat(ranges.count()).isEqualTo(3);
        }
    }

    @Nested
    class GrowingInPlace {

        @Test
        void shouldSayWhetherAValueWasNew() {
            Ranges.Growing growing = new Ranges.Growing();

            assertThat(growing.add(5)).isTrue();
            assertThat(growing.add(5)).isFalse();
            assertThat(growing.add(6)).isTrue();
            assertThat(growing.contains(6)).isTrue();
            assertThat(growing.contains(7)).isFalse();
            assertThat(growing.toArray()).containsExactly(5, 6);
        }

        @Test
        void shouldGrowBeyondItsFirstBufferAndMergeBackIntoOneRange() {
            Ranges.Growing growing = new Ranges.Growing();
            for (long even = 0; even <= 100; even += 2) {
                growing.add(even);
            }

            assertThat(growing.toArray()).hasSize(2 * 51);

            for (long odd = 99; odd > 0; odd -= 2) {
                growing.add(odd);
            }

            assertThat(growing.toArray()).containsExactly(0, 100);
            assertThat(growing.holes(-1, 101)).containsExactly(1L, 1L);
        }

        @Test
        void shouldLeaveTheRangesItCameFromAndTheRangesItGaveAlone() {
            Ranges from = ranges(1, 2);
            Ranges.Growing growing = from.growing();
            growing.add(3);
            Ranges given = growing.toRanges();

            growing.add(4);
            growing.add(10);

            assertThat(from.toArray()).containsExactly(1, 2);
            assertThat(given.toArray()).containsExactly(1, 3);
            assertThat(growing.toArray()).containsExactly(1, 4, 10, 10);
        }

        @Test
        void shouldHoldNegativeAndExtremeValues() {
            Ranges.Growing growing = new Ranges.Growing();
            for (long value : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 1, Long.MIN_VALUE}) {
                growing.add(value);
            }

            assertThat(growing.toArray())
                    .containsExactly(Long.MIN_VALUE, Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE);
            assertThat(growing.holes(Long.MAX_VALUE - 10, Long.MAX_VALUE)).containsExactly(9L);
        }

        @Test
        void shouldGiveTheEmptySetWhenNothingWasAdded() {
            assertThat(new Ranges.Growing().toRanges()).isSameAs(Ranges.EMPTY);
            assertThat(new Ranges.Growing().holes(1, 3)).containsExactly(3L);
        }

        @Test
        void shouldAgreeWithASortedSetWhateverTheOrderOfAdding() {
            Random random = new Random(20261122);
            for (int round = 0; round < 300; round++) {
                int span = 1 + random.nextInt(round < 150 ? 30 : 400);
                long offset = random.nextInt(2001) - 1000;
                List<Long> values = new ArrayList<>();
                int count = random.nextInt(2 * span);
                for (int i = 0; i < count; i++) {
                    values.add(offset + random.nextInt(span));
                }
                TreeSet<Long> model = new TreeSet<>();
                Ranges.Growing growing = new Ranges.Growing();
                for (long value : values) {
                    assertThat(growing.add(value))
                            .as("round %d: add %d", round, value)
                            .isEqualTo(model.add(value));
                }

                assertThat(growing.toArray()).as("round %d: %s", round, values).containsExactly(flatRanges(model));
                assertThat(growing.toRanges())
                        .isEqualTo(ranges(
                                values.stream().mapToLong(Long::longValue).toArray()));
                for (long value = offset - 2; value < offset + span + 2; value++) {
                    assertThat(growing.contains(value)).as("contains %d", value).isEqualTo(model.contains(value));
                }
                long lower = offset - 3 + random.nextInt(span + 6);
                long upper = lower - 2 + random.nextInt(span + 6);
                assertThat(growing.holes(lower, upper))
                        .as("holes in [%d, %d] of %s", lower, upper, growing.toRanges())
                        .isEqualTo(modelHoles(model, lower, upper));
            }
        }
    }
}
