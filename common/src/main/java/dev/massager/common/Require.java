package dev.massager.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Preconditions of the wire records. Each failure is a {@link PayloadException} whose field is a JSON
 * Pointer relative to the record ({@code /cramps}); the codec prefixes the record's own position.
 *
 * <p>Collections are copied into unmodifiable, ordered forms (enum order, ascending numbers) so records
 * stay immutable and encode to the same bytes every time.
 */
public final class Require {

    /** Longest user id (the JWT subject) a record accepts. */
    public static final int MAX_USER_ID_LENGTH = 255;

    private Require() {}

    /** {@code userId} itself: present, 1 to {@value #MAX_USER_ID_LENGTH} characters. */
    public static String userId(String userId, String name) {
        return text(userId, name, MAX_USER_ID_LENGTH, null);
    }

    /** {@code value} itself; {@link RejectReason#MISSING_FIELD} when it is {@code null}. */
    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new PayloadException(RejectReason.MISSING_FIELD, pointer(name), name + " is required");
        }
        return value;
    }

    /** {@code value} itself; {@link RejectReason#OUT_OF_RANGE} unless {@code min <= value <= max}. */
    public static long between(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw outOfRange(name, value, min, max);
        }
        return value;
    }

    /** {@code value} itself; {@link RejectReason#OUT_OF_RANGE} unless it is in range (NaN and infinities never are). */
    public static double between(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw outOfRange(name, value, min, max);
        }
        return value;
    }

    /**
     * {@code value} itself: {@link RejectReason#MISSING_FIELD} when {@code null}, {@link
     * RejectReason#OUT_OF_RANGE} when empty or longer than {@code maxLength}, {@link
     * RejectReason#INVALID_FORMAT} when it does not match {@code shape} (skipped when {@code shape} is null).
     */
    public static String text(String value, String name, int maxLength, Pattern shape) {
        present(value, name);
        if (value.isEmpty() || value.length() > maxLength) {
            throw new PayloadException(
                    RejectReason.OUT_OF_RANGE,
                    pointer(name),
                    name + " must be 1 to " + maxLength + " characters long, was " + value.length());
        }
        if (shape != null && !shape.matcher(value).matches()) {
            throw new PayloadException(
                    RejectReason.INVALID_FORMAT, pointer(name), name + " must match " + shape.pattern());
        }
        return value;
    }

    /** An unmodifiable copy in declaration order; {@link RejectReason#MISSING_FIELD} for a null set or element. */
    public static <E extends Enum<E>> Set<E> enumSet(Collection<E> values, Class<E> type, String name) {
        present(values, name);
        EnumSet<E> copy = EnumSet.noneOf(type);
        for (E value : values) {
            copy.add(present(value, name));
        }
        return Collections.unmodifiableSet(copy);
    }

    /** An unmodifiable ascending copy; {@link RejectReason#MISSING_FIELD} for a null set or element. */
    public static SortedSet<Integer> sortedSet(Collection<Integer> values, String name) {
        present(values, name);
        TreeSet<Integer> copy = new TreeSet<>();
        for (Integer value : values) {
            copy.add(present(value, name));
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    /** An unmodifiable copy in key order; {@link RejectReason#MISSING_FIELD} for a null map, key or value. */
    public static <K extends Enum<K>, V> Map<K, V> enumMap(Map<K, V> values, Class<K> type, String name) {
        present(values, name);
        EnumMap<K, V> copy = new EnumMap<>(type);
        for (Map.Entry<K, V> entry : values.entrySet()) {
            K key = present(entry.getKey(), name);
            copy.put(key, present(entry.getValue(), name + "/" + key.name()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy; {@link RejectReason#MISSING_FIELD} for a null list or element. */
    public static <T> List<T> list(List<T> values, String name) {
        present(values, name);
        List<T> copy = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            copy.add(present(values.get(i), name + "/" + i));
        }
        return Collections.unmodifiableList(copy);
    }

    private static PayloadException outOfRange(String name, Object value, Object min, Object max) {
        return new PayloadException(
                RejectReason.OUT_OF_RANGE,
                pointer(name),
                name + " must be between " + min + " and " + max + ", was " + value);
    }

    private static String pointer(String name) {
        return "/" + name;
    }
}
