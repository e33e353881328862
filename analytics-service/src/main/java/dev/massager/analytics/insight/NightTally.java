package dev.massager.analytics.insight;

import java.util.OptionalDouble;

/**
 * Nights and the cramp nights among them.
 *
 * @param nights observed nights
 * @param crampNights of which with cramps
 * @param crampRate {@code crampNights / nights}, empty without nights
 */
public record NightTally(int nights, int crampNights, OptionalDouble crampRate) {

    public NightTally {
        if (crampNights < 0 || nights < crampNights) {
            throw new IllegalArgumentException("need 0 <= crampNights <= nights, got " + crampNights + " of " + nights);
        }
        if (!crampRate.equals(rate(nights, crampNights))) {
            throw new IllegalArgumentException("crampRate must be crampNights / nights");
        }
    }

    public static NightTally of(int nights, int crampNights) {
        return new NightTally(nights, crampNights, rate(nights, crampNights));
    }

    private static OptionalDouble rate(int nights, int crampNights) {
        return nights == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) crampNights / nights);
    }
}
