package dev.massager.analytics.stats;

import java.util.OptionalDouble;

/**
 * Counts of a 2×2 table with the exposed arm first. As cells: {@code [[a, b], [c, d]]} with {@code a} exposed events,
 * {@code b} exposed non-events, {@code c} unexposed events and {@code d} unexposed non-events.
 *
 * @param exposedEvents a
 * @param exposedTotal n1 = a + b
 * @param unexposedEvents c
 * @param unexposedTotal n0 = c + d
 */
public record TwoByTwo(int exposedEvents, int exposedTotal, int unexposedEvents, int unexposedTotal) {

    public TwoByTwo {
        requireCount(exposedEvents, exposedTotal, "exposed");
        requireCount(unexposedEvents, unexposedTotal, "unexposed");
    }

    /** b */
    public int exposedNonEvents() {
        return exposedTotal - exposedEvents;
    }

    /** d */
    public int unexposedNonEvents() {
        return unexposedTotal - unexposedEvents;
    }

    /** a / n1, empty when the exposed arm is empty. */
    public OptionalDouble exposedRate() {
        return rate(exposedEvents, exposedTotal);
    }

    /** c / n0, empty when the unexposed arm is empty. */
    public OptionalDouble unexposedRate() {
        return rate(unexposedEvents, unexposedTotal);
    }

    /** Whether either arm has no observations, which leaves any comparison undefined. */
    public boolean hasEmptyArm() {
        return exposedTotal == 0 || unexposedTotal == 0;
    }

    /** Whether any of the four cells is zero. */
    public boolean hasZeroCell() {
        return exposedEvents == 0 || exposedNonEvents() == 0 || unexposedEvents == 0 || unexposedNonEvents() == 0;
    }

    /** The table as {@code [[a, b], [c, d]]}. */
    int[][] cells() {
        return new int[][] {{exposedEvents, exposedNonEvents()}, {unexposedEvents, unexposedNonEvents()}};
    }

    private static OptionalDouble rate(int events, int total) {
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) events / total);
    }

    private static void requireCount(int events, int total, String arm) {
        if (events < 0 || total < 0 || events > total) {
            throw new IllegalArgumentException(arm + " arm needs 0 <= events <= total, got " + events + " of " + total);
        }
    }
}
