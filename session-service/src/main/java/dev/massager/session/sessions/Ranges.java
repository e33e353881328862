package dev.massager.session.sessions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of longs kept as sorted, disjoint, non-adjacent closed ranges: the message sequence numbers a
 * session has seen, or the seconds its samples cover. A device's numbers arrive mostly consecutive, so a session of
 * a thousand messages is usually one range, and adding is the same whatever the order.
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
        int index = find(value);
        return index >= 0 && bounds[2 * index] <= value && value <= bounds[2 * index + 1];
    }

    /** This set with {@code value} added; this very instance when it is already in. */
    Ranges with(long value) {
        if (contains(value)) {
            return this;
        }
        int ranges = bounds.length / 2;
        int before = find(value); // last range starting at or below value, -1 if none
        boolean joinsBefore = before >= 0 && bounds[2 * before + 1] == value - 1;
        boolean joinsAfter = before + 1 < ranges && bounds[2 * (before + 1)] == value + 1;
        long[] next;
        if (joinsBefore && joinsAfter) {
            next = new long[bounds.length - 2];
            System.arraycopy(bounds, 0, next, 0, 2 * before + 1);
            System.arraycopy(bounds, 2 * before + 3, next, 2 * before + 1, bounds.length - 2 * before - 3);
        } else if (joinsBefore) {
            next = bounds.clone();
            next[2 * before + 1] = value;
        } else if (joinsAfter) {
            next = bounds.clone();
            next[2 * (before + 1)] = value;
        } else {
            next = new long[bounds.length + 2];
            int at = 2 * (before + 1);
            System.arraycopy(bounds, 0, next, 0, at);
            next[at] = value;
            next[at + 1] = value;
            System.arraycopy(bounds, at, next, at + 2, bounds.length - at);
        }
        return new Ranges(next);
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
        List<Long> holes = new ArrayList<>();
        long next = lower; // first value not yet accounted for
        for (int i = 0; i < bounds.length && next <= upper; i += 2) {
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

    /** The flat form {@code [lo0, hi0, lo1, hi1, ...]}. */
    long[] toArray() {
        return bounds.clone();
    }

    /** Index of the last range whose start is at most {@code value}, or -1. */
    private int find(long value) {
        int low = 0;
        int high = bounds.length / 2 - 1;
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
}
