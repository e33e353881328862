package dev.massager.common;

/**
 * Why a message was refused. The names travel on the wire (in {@code massager.ingest-rejected.v1}) and
 * in metrics, so they are part of the contract: add values, never rename them.
 */
public enum RejectReason {
    /** The payload has no bytes, or only whitespace. */
    EMPTY,
    /** The payload, or one of its strings, names or numbers, is longer than the parser allows. */
    TOO_LARGE,
    /** The payload is not well-formed JSON: a syntax error, a truncated document, invalid UTF-8 or a duplicate key. */
    NOT_JSON,
    /** Objects or arrays are nested deeper than the parser allows. */
    TOO_DEEP,
    /** A required field is absent or {@code null}. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. a string where a number belongs. */
    WRONG_TYPE,
    /** A number, a length or a count is outside its allowed range. */
    OUT_OF_RANGE,
    /** A string is not one of the allowed enum values. */
    UNKNOWN_ENUM_VALUE,
    /** A string has the right type but not the right shape, e.g. a timestamp that is not RFC 3339. */
    INVALID_FORMAT,
    /** A batch holds more items than allowed. */
    TOO_MANY_ITEMS,
    /** The payload version {@code v} is not one this code understands. */
    UNSUPPORTED_VERSION,
    /** The MQTT topic names a device id that does not match the device id pattern. */
    INVALID_DEVICE_ID,
    /** The MQTT topic does not follow the {@code massagers/{deviceId}/telemetry|events|status} layout. */
    UNKNOWN_TOPIC,
    /** The payload is a valid payload of another kind than its topic says, e.g. an event on a telemetry topic. */
    TOPIC_MISMATCH,
    /**
     * The gateway failed on the message itself, a defect rather than bad input: dead-lettered so that it is seen and
     * can be replayed once fixed, instead of being redelivered forever.
     */
    INTERNAL_ERROR
}
