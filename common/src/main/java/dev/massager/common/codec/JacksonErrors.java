package dev.massager.common.codec;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's parsing and binding failures into {@link PayloadException}s. */
final class JacksonErrors {

    private static final String MISSING_CREATOR_PROPERTY = "Missing required creator property '";
    private static final String MAP_KEY = "Cannot deserialize Map key";

    private JacksonErrors() {}

    /** A failure while reading bytes into a tree: the input is not (acceptable) JSON. */
    static PayloadException parsing(JacksonException e) {
        String where = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            // The exception carries no kind; its message names the constraint.
            boolean depth = String.valueOf(e.getOriginalMessage()).contains("nesting depth");
            return new PayloadException(
                    depth ? RejectReason.TOO_DEEP : RejectReason.TOO_LARGE, null, where + e.getOriginalMessage(), e);
        }
        if (e instanceof UnexpectedEndOfInputException
                || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            return new PayloadException(
                    RejectReason.NOT_JSON, null, "truncated JSON " + where + e.getOriginalMessage(), e);
        }
        return new PayloadException(RejectReason.NOT_JSON, null, where + e.getOriginalMessage(), e);
    }

    /** A failure while binding a valid tree to a record. */
    static PayloadException binding(JacksonException e) {
        String pointer = pointer(e.getPath());
        PayloadException fromRecord = findPayloadException(e);
        if (fromRecord != null) {
            return fromRecord.under(pointer);
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof InvalidNullException) {
            return new PayloadException(RejectReason.MISSING_FIELD, pointer, message, e);
        }
        if (e instanceof MismatchedInputException && message.startsWith(MISSING_CREATOR_PROPERTY)) {
            int start = MISSING_CREATOR_PROPERTY.length();
            String name = message.substring(start, Math.max(start, message.indexOf('\'', start)));
            String field = pointer.endsWith("/" + name) ? pointer : pointer + "/" + name;
            return new PayloadException(RejectReason.MISSING_FIELD, field, "'" + name + "' is required", e);
        }
        if (e instanceof InvalidFormatException invalid) {
            return invalidFormat(invalid, pointer, message);
        }
        if (e instanceof InputCoercionException) {
            return new PayloadException(RejectReason.OUT_OF_RANGE, pointer, message, e);
        }
        if (e instanceof MismatchedInputException) {
            return new PayloadException(RejectReason.WRONG_TYPE, pointer, message, e);
        }
        return new PayloadException(RejectReason.INVALID_FORMAT, pointer, message, e);
    }

    /**
     * A value of the right JSON type that does not parse (a bad date, UUID or enum name), or a value of
     * another JSON type that Jackson refused to coerce (a number for a boolean).
     */
    private static PayloadException invalidFormat(InvalidFormatException e, String pointer, String message) {
        Class<?> target = e.getTargetType();
        if (!(e.getValue() instanceof String value)) {
            return new PayloadException(RejectReason.WRONG_TYPE, pointer, message, e);
        }
        // A bad map key is reported at the map; the key itself is the field at fault.
        String field = message.startsWith(MAP_KEY) ? pointer + "/" + escape(value) : pointer;
        boolean isEnum = target != null && target.isEnum();
        return new PayloadException(
                isEnum ? RejectReason.UNKNOWN_ENUM_VALUE : RejectReason.INVALID_FORMAT, field, message, e);
    }

    /** Jackson's reference chain as a JSON Pointer: {@code ""} for the root, {@code /samples/3/mode} below. */
    static String pointer(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            pointer.append('/');
            String name = reference.getPropertyName();
            if (name != null) {
                pointer.append(escape(name));
            } else if (reference.getIndex() >= 0) {
                pointer.append(reference.getIndex());
            } else {
                pointer.append('?');
            }
        }
        return pointer.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static PayloadException findPayloadException(Throwable e) {
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof PayloadException payloadException) {
                return payloadException;
            }
        }
        return null;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }
}
