package dev.massager.session.sessions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of longs kept as sorted, disjoint, non-adjacent closed ranges: the message sequence numbers a
 * session has seen, or the seconds its samples cover. A device's numbers arrive mostly consecutive, so a session of
 * a thousand messages is usually one range, and adding is the same whatever the order.
 *
 * <p>{@link Growing} is the same set changed in place, for folding in a session's messages one at a time. Adding to
 * the immutable set copies all its ranges, so folding messages that arrive out of order (many short ranges until the
 * gaps close) with it would take time quadratic in the session's length.
 */
final class Ranges {

    static final Ranges EMPTY = new Ranges(new long[0]);

    /** lo0, hi0, lo1, hi1, ... with hi(i) + 1 < lo(i+1). */
    private final long[] bounds;

    private Ranges(long[] bounds) {
        this.bounds = bounds;
    }

    /**
     * The ranges from their flat form {@code [lo0, hi0, lo1, hi1, ...]}, as {@link #toArray()} writes them.
     *
     * @throws IllegalArgumentException unless the bounds are sorted, disjoint and non-adjacent
     */
    static Ranges of(long... bounds) {
        if (bounds.length % 2 != 0) {
            throw new IllegalArgumentException("ranges need an even number of bounds");
        }
        for (int i = 0; i < bounds.length; i += 2) {
            boolean ordered = bounds[i] <= bounds[i + 1];
            boolean apart = i == 0 || bounds[i - 1] < bounds[i] && bounds[i - 1] < bounds[i] - 1;
            if (!ordered || !apart) {
                throw new IllegalArgumentException(
                        "ranges must be sorted, disjoint and apart: " + Arrays.toString(bounds));
            }
        }
        return bounds.length == 0 ? EMPTY : new Ranges(bounds.clone());
    }

    boolean contains(long value) {
        return contains(bounds, bounds.length, value);
    }

    /** This set with {@code value} added; this very instance when it is already in. */
    Ranges with(long value) {
        if (contains(value)) {
            return this;
        }
        Growing growing = growing();
        growing.add(value);
        return growing.toRanges();
    }

    /** A copy of this set that grows in place. */
    Growing growing() {
        return new Growing(bounds);
    }

    /** How many values are in the set. */
    long count() {
        long count = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            count += bounds[i + 1] - bounds[i] + 1;
        }
        return count;
    }

    /**
     * The lengths of the runs of absent values within {@code [lower, upper]}, in ascending order of position. An
     * empty set has one run: the whole interval.
     */
    List<Long> holes(long lower, long upper) {
        return holes(bounds, bounds.length, lower, upper);
    }

    /** The flat form {@code [lo0, hi0, lo1, hi1, ...]}. */
    long[] toArray() {
        return bounds.clone();
    }

    private static boolean contains(long[] bounds, int length, long value) {
        int index = find(bounds, length, value);
        return index >= 0 && value <= bounds[2 * index + 1];
    }

    /** Index of the last range among the first {@code length / 2} whose start is at most {@code value}, or -1. */
    private static int find(long[] bounds, int length, long value) {
        int low = 0;
        int high = length / 2 - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (bounds[2 * mid] <= value) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    private static List<Long> holes(long[] bounds, int length, long lower, long upper) {
        List<Long> holes = new ArrayList<>();
        long next = lower; // first value not yet accounted for
        for (int i = 0; i < length && next <= upper; i += 2) {
            long lo = bounds[i];
            long hi = bounds[i + 1];
            if (hi < next) {
                continue;
            }
            if (lo > next) {
                holes.add(Math.min(lo - 1, upper) - next + 1);
            }
            if (hi == Long.MAX_VALUE) {
                return holes; // nothing lies above, and hi + 1 would wrap around
            }
            next = hi + 1;
        }
        if (next <= upper) {
            holes.add(upper - next + 1);
        }
        return holes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ranges ranges && Arrays.equals(bounds, ranges.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < bounds.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(bounds[i]);
            if (bounds[i + 1] != bounds[i]) {
                text.append("..").append(bounds[i + 1]);
            }
        }
        return text.append(']').toString();
    }

    /**
     * The same set, changed in place. Adding a value next to a range, the usual case, changes one bound; a new range
     * shifts the ones above it within a buffer that doubles when full.
     */
    static final class Growing {

        private static final int INITIAL_CAPACITY = 8;

        /** lo0, hi0, lo1, hi1, ... in the first {@code length} places, as in {@link Ranges}. */
        private long[] bounds;

        private int length;

        /** The empty set. */
        Growing() {
            this(EMPTY.bounds);
        }

        private Growing(long[] flat) {
            this.bounds = Arrays.copyOf(flat, Math.max(INITIAL_CAPACITY, flat.length + 2));
            this.length = flat.length;
        }

        boolean contains(long value) {
            return Ranges.contains(bounds, length, value);
        }

        /**
         * Adds {@code value}.
         *
         * @return whether it was new; {@code false} when it was already in
         */
        boolean add(long value) {
            int before = find(bounds, length, value); // last range starting at or below value, -1 if none
            if (before >= 0 && value <= bounds[2 * before + 1]) {
                return false;
            }
            int ranges = length / 2;
            boolean joinsBefore = before >= 0 && bounds[2 * before + 1] == value - 1;
            boolean joinsAfter = before + 1 < ranges && bounds[2 * (before + 1)] == value + 1;
            if (joinsBefore && joinsAfter) {
                // The range before now reaches the end of the one after: drop the two bounds between them.
                System.arraycopy(bounds, 2 * before + 3, bounds, 2 * before + 1, length - 2 * before - 3);
                length -= 2;
            } else if (joinsBefore) {
                bounds[2 * before + 1] = value;
            } else if (joinsAfter) {
                bounds[2 * (before + 1)] = value;
            } else {
                if (length == bounds.length) {
                    bounds = Arrays.copyOf(bounds, 2 * bounds.length);
                }
                int at = 2 * (before + 1);
                System.arraycopy(bounds, at, bounds, at + 2, length - at);
                bounds[at] = value;
                bounds[at + 1] = value;
                length += 2;
            }
            return true;
        }

        /** As {@link Ranges#holes}. */
        List<Long> holes(long lower, long upper) {
            return Ranges.holes(bounds, length, lower, upper);
        }

        /** The flat form, as {@link Ranges#toArray()}. */
        long[] toArray() {
            return Arrays.copyOf(bounds, length);
        }

        /** The set as it stands, immutable. */
        Ranges toRanges() {
            return length == 0 ? EMPTY : new Ranges(toArray());
        }
    }
}
