package dev.massager.common.ingest;

import dev.massager.common.codec.Instants;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Kafka header names the gateway sets on every record it produces, rejected ones included. Values are
 * UTF-8 strings so they read well in any Kafka tool.
 */
public final class IngestHeaders {

    /** The MQTT topic the payload arrived on, e.g. {@code massagers/m-0042/telemetry}. */
    public static final String MQTT_TOPIC = "massager-mqtt-topic";

    /** When the gateway received the MQTT message: ISO-8601 UTC, as {@link java.time.Instant#toString()}. */
    public static final String RECEIVED_AT = "massager-received-at";

    /** Which gateway instance produced the record (its configured name or host name). */
    public static final String GATEWAY_INSTANCE = "massager-gateway-instance";

    /**
     * {@code true} when the device's {@code ts} differs from {@link #RECEIVED_AT} by more than the gateway's
     * bound, else {@code false}. The device time stays the event time either way.
     */
    public static final String CLOCK_SKEW = "massager-clock-skew";

    private IngestHeaders() {}

    /**
     * Reads an instant header such as {@link #RECEIVED_AT}, as {@link Instants#parse} does: a consumer reads one on
     * every record.
     *
     * @throws DateTimeParseException when the value is not an ISO-8601 instant
     */
    public static Instant parseInstant(String value) {
        return Instants.parse(value);
    }
}
