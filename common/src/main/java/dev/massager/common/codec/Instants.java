package dev.massager.common.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Timestamps read fast: every sample and event has one, and every record of the gateway another in a header.
 * {@link Instant#parse} and Jackson's reader go through the general ISO formatter, which took a fifth to a third of
 * session-service's time while it consumed a backlog; the one form this project writes is read here directly.
 */
public final class Instants {

    private Instants() {}

    /**
     * Reads an ISO-8601 instant. The form {@link Instant#toString()} writes, which is what the codec and the gateway
     * write, is read directly; anything else goes through {@link Instant#parse}, with its result or its exception.
     *
     * @throws DateTimeParseException when the value is not an ISO-8601 instant
     */
    public static Instant parse(String value) {
        Instant fast = canonical(value);
        return fast != null ? fast : Instant.parse(value);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z} with a four-digit year, or {@code null} for any other text. */
    static Instant canonical(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z') {
            return null;
        }
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null; // a leap second or a bad field: Instant.parse says what it makes of it
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written by {@code count} ASCII digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
