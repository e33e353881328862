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
     * 132 KiB payloads, depth 16 (the contracts need 4), strings of 32 Ki characters (a rejected message
     * carries up to 16 KiB of raw payload as Base64), numbers of 64 characters.
     *
     * <p>The payload cap is sized for the device contract of up to 500 samples a batch: a full batch of 500
     * samples whose every field has its longest value (64-character session id, 19-digit {@code seq}, UTC
     * timestamp to the nanosecond, {@code SEQUENTIAL}, {@code HIGH}, pressures of 250, battery 100), written
     * as compact JSON, is 129,019 bytes and fits. It does not fit when the session id is made of characters
     * JSON must escape ({@code "} or {@code \}), or the timestamp carries a UTC offset rather than {@code Z}
     * as well as nanoseconds. The broker's cap must be at least this one.
     */
    public static final CodecLimits DEFAULTS = new CodecLimits(132 * 1024, 16, 32 * 1024, 64);

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
