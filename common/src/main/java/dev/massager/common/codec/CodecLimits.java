package dev.massager.common.codec;

/**
 * Bounds applied before and while parsing, so hostile input is cheap to refuse. A payload over a bound is
 * refused with {@code TOO_LARGE} (or {@code TOO_DEEP} for nesting) before any validation runs.
 *
 * @param maxPayloadBytes largest payload accepted, checked before parsing
 * @param maxNestingDepth deepest nesting of objects and arrays
 * @param maxStringLength longest string value, in characters
 * @param maxNumberLength longest number literal, in characters
 */
public record CodecLimits(int maxPayloadBytes, int maxNestingDepth, int maxStringLength, int maxNumberLength) {

    /**
     * 64 KiB payloads (as at the broker), depth 16 (the contracts need 4), strings of 32 Ki characters (a
     * rejected message carries up to 16 KiB of raw payload as Base64), numbers of 64 characters.
     */
    public static final CodecLimits DEFAULTS = new CodecLimits(64 * 1024, 16, 32 * 1024, 64);

    public CodecLimits {
        positive(maxPayloadBytes, "maxPayloadBytes");
        positive(maxNestingDepth, "maxNestingDepth");
        positive(maxStringLength, "maxStringLength");
        positive(maxNumberLength, "maxNumberLength");
    }

    /** These limits with another payload size cap. */
    public CodecLimits withMaxPayloadBytes(int bytes) {
        return new CodecLimits(bytes, maxNestingDepth, maxStringLength, maxNumberLength);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
