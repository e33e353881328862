package dev.massager.common;

import java.util.Objects;
import java.util.Optional;

/**
 * A payload, or a record built in code, breaks the wire contract. It is the only exception the codec
 * throws for bad input, so a caller can turn any refusal into a dead-letter record with one catch.
 *
 * <p>It extends {@link IllegalArgumentException} because the record constructors throw it too: building
 * a record with an out-of-range value is a bad argument, and the same reason code then explains it.
 */
public class PayloadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Details quote parser and validator messages, which may echo hostile input: keep them short. */
    static final int MAX_DETAIL_LENGTH = 200;

    private final RejectReason reason;
    private final String field;
    private final String detail;

    /**
     * @param reason why the payload was refused
     * @param field the field at fault as a JSON Pointer ({@code /pressure/calf}, {@code /samples/3/mode},
     *     {@code ""} for the whole document), or {@code null} when no field is at fault
     * @param detail a human-readable explanation, cut to a bounded length
     */
    public PayloadException(RejectReason reason, String field, String detail) {
        this(reason, field, detail, null);
    }

    /** As {@link #PayloadException(RejectReason, String, String)}, keeping the underlying cause. */
    public PayloadException(RejectReason reason, String field, String detail, Throwable cause) {
        super(message(reason, field, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
        this.detail = bounded(detail);
    }

    /** The reason code. */
    public RejectReason reason() {
        return reason;
    }

    /** The field at fault as a JSON Pointer, if a field is at fault. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** A human-readable explanation, at most a couple of hundred characters. */
    public String detail() {
        return detail;
    }

    /** The same failure, with the field pointer moved under {@code parent} (a JSON Pointer). */
    public PayloadException under(String parent) {
        if (parent == null || parent.isEmpty()) {
            return this;
        }
        return new PayloadException(reason, field == null ? parent : parent + field, detail, this);
    }

    private static String message(RejectReason reason, String field, String detail) {
        String where = field == null ? "" : " at '" + field + "'";
        return reason + where + ": " + bounded(detail);
    }

    private static String bounded(String detail) {
        if (detail == null || detail.isBlank()) {
            return "no detail";
        }
        if (detail.length() <= MAX_DETAIL_LENGTH) {
            return detail;
        }
        // Never keep half a surrogate pair: the detail travels on into dead-letter records.
        int end = Character.isHighSurrogate(detail.charAt(MAX_DETAIL_LENGTH - 1))
                ? MAX_DETAIL_LENGTH - 1
                : MAX_DETAIL_LENGTH;
        return detail.substring(0, end) + "…";
    }
}
