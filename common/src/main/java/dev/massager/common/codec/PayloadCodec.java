package dev.massager.common.codec;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceEventType;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.TelemetryBatch;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.ingest.RejectedMessage;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.session.SessionSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one way to read and write the wire contracts: device payloads (MQTT, and again on Kafka) and the
 * records services exchange on Kafka. Timestamps are ISO-8601 UTC strings, enums their names, unknown
 * fields are ignored.
 *
 * <p>Decoding refuses bad input with a {@link PayloadException} and nothing else, in steps that get more
 * expensive: the size cap, then the parser with its {@link CodecLimits} (depth, string and number
 * lengths), then, for device payloads, the JSON Schema under {@code /schemas/device/}, and only then
 * binding to the record, whose constructor checks the rest. The bytes are parsed once into a tree that
 * the schema and the binding share. Refusing costs about as much as accepting: schema checks stop at the
 * first bad sample of a batch, so a small hostile payload cannot make the validator list thousands of errors.
 *
 * <p>Instances are immutable and thread-safe; build one and share it (schemas and mapper are built in
 * the constructor).
 */
public final class PayloadCodec {

    /** Property names longer than this are hostile: no contract has one over 20 characters. */
    private static final int MAX_NAME_LENGTH = 256;

    private final CodecLimits limits;
    private final JsonMapper mapper;
    private final Map<Class<?>, Reading> readings;
    private final Map<Class<?>, ObjectWriter> writers;
    private final Reading sample;
    private final Reading batch;

    /** A codec with {@link CodecLimits#DEFAULTS}. */
    public PayloadCodec() {
        this(CodecLimits.DEFAULTS);
    }

    /** A codec with the given limits. */
    public PayloadCodec(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.mapper = mapper(limits);
        DeviceSchemas schemas = new DeviceSchemas();
        this.sample = reading(TelemetrySample.class, schemas.checkOf(DeviceSchemas.TELEMETRY_SAMPLE));
        this.batch = reading(TelemetryBatch.class, schemas.batchCheck());
        this.readings = Map.of(
                TelemetrySample.class, sample,
                TelemetryBatch.class, batch,
                DeviceEvent.class, reading(DeviceEvent.class, schemas.checkOf(DeviceSchemas.DEVICE_EVENT)),
                DeviceStatus.class, reading(DeviceStatus.class, schemas.checkOf(DeviceSchemas.DEVICE_STATUS)),
                SessionSummary.class, reading(SessionSummary.class, null),
                CrampNight.class, reading(CrampNight.class, null),
                UserErasure.class, reading(UserErasure.class, null),
                RejectedMessage.class, reading(RejectedMessage.class, null));
        Map<Class<?>, ObjectWriter> writers = new HashMap<>();
        readings.keySet().forEach(type -> writers.put(type, mapper.writerFor(type)));
        for (DeviceEventType type : DeviceEventType.values()) {
            // Written as the sealed interface so the "type" discriminator is always present.
            writers.put(type.recordType(), writers.get(DeviceEvent.class));
        }
        this.writers = Map.copyOf(writers);
    }

    /** The limits this codec applies. */
    public CodecLimits limits() {
        return limits;
    }

    /** The record types {@link #decode} accepts; {@link #encode} also accepts each {@link DeviceEvent} record. */
    public Set<Class<?>> types() {
        return readings.keySet();
    }

    /**
     * Reads {@code json} as a {@code type}: one of {@link #types()}. Device payloads ({@link TelemetrySample},
     * {@link TelemetryBatch}, {@link DeviceEvent}, {@link DeviceStatus}) are validated against their schema.
     *
     * @throws PayloadException when the bytes are not a valid {@code type}, with the reason and field
     * @throws IllegalArgumentException when {@code type} is not a contract type (a programming error)
     */
    public <T> T decode(byte[] json, Class<T> type) {
        Reading reading = readings.get(type);
        if (reading == null) {
            throw new IllegalArgumentException("not a contract type: " + type);
        }
        return type.cast(reading.read(parse(json)));
    }

    /**
     * Reads {@code json} as a {@code type}, as {@link #decode} does but without the JSON Schema: for bytes that this
     * codec wrote from a record that {@link #decode} had accepted, such as the gateway's Kafka records, which passed the
     * schema on their way in. The size cap, the parser limits and the record's constructor still apply, so what is
     * refused is still refused with a {@link PayloadException}, only with the binding's reason where the schema would
     * have named another. Parsing and binding go in one pass, without the tree the schema needs: the consumers of the
     * device topics read millions of records, and the schema took a quarter of their time.
     *
     * @throws PayloadException when the bytes are not a valid {@code type}
     * @throws IllegalArgumentException when {@code type} is not a contract type
     */
    public <T> T decodeWithoutSchema(byte[] json, Class<T> type) {
        Reading reading = readings.get(type);
        if (reading == null) {
            throw new IllegalArgumentException("not a contract type: " + type);
        }
        checkSize(json);
        Object value;
        try {
            value = reading.reader().readValue(json);
        } catch (InputCoercionException e) {
            throw JacksonErrors.binding(e);
        } catch (StreamReadException e) {
            throw JacksonErrors.parsing(e);
        } catch (JacksonException e) {
            throw JacksonErrors.binding(e);
        }
        if (value == null) {
            throw new PayloadException(RejectReason.EMPTY, null, "payload holds only whitespace or null");
        }
        return type.cast(value);
    }

    /**
     * Reads a telemetry payload, which is one sample or, when it has a {@code samples} field, a batch.
     *
     * @return the samples in the order sent: one for a single sample
     * @throws PayloadException when the bytes are neither a valid sample nor a valid batch
     */
    public List<TelemetrySample> decodeTelemetry(byte[] json) {
        JsonNode tree = parse(json);
        if (tree.isObject() && tree.has("samples")) {
            return ((TelemetryBatch) batch.read(tree)).samples();
        }
        return List.of((TelemetrySample) sample.read(tree));
    }

    /**
     * Writes a contract record as UTF-8 JSON, e.g. a Kafka record value.
     *
     * @throws IllegalArgumentException when {@code value} is not a contract record
     */
    public byte[] encode(Object value) {
        ObjectWriter writer = value == null ? null : writers.get(value.getClass());
        if (writer == null) {
            throw new IllegalArgumentException("not a contract type: "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return writer.writeValueAsBytes(value);
    }

    private JsonNode parse(byte[] json) {
        checkSize(json);
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JacksonException e) {
            throw JacksonErrors.parsing(e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new PayloadException(RejectReason.EMPTY, null, "payload holds only whitespace");
        }
        String hugeNumber = numberBeyondLongRange(tree);
        if (hugeNumber != null) {
            throw new PayloadException(RejectReason.OUT_OF_RANGE, hugeNumber, "number is out of range");
        }
        return tree;
    }

    private void checkSize(byte[] json) {
        if (json == null || json.length == 0) {
            throw new PayloadException(RejectReason.EMPTY, null, "payload is empty");
        }
        if (json.length > limits.maxPayloadBytes()) {
            throw new PayloadException(
                    RejectReason.TOO_LARGE,
                    null,
                    "payload is " + json.length + " bytes, the limit is " + limits.maxPayloadBytes());
        }
    }

    /**
     * Where the tree holds a number no contract field can take (beyond 64 bits, or not finite), as a JSON
     * Pointer; {@code null} if none. Checked before the schema because the validator itself fails on an
     * integral double beyond the {@code long} range instead of reporting it.
     */
    private static String numberBeyondLongRange(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String below = numberBeyondLongRange(property.getValue());
                if (below != null) {
                    return "/" + property.getKey().replace("~", "~0").replace("/", "~1") + below;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String below = numberBeyondLongRange(node.get(i));
                if (below != null) {
                    return "/" + i + below;
                }
            }
        } else if (node.isNumber() && !fitsInLong(node)) {
            return "";
        }
        return null;
    }

    private static boolean fitsInLong(JsonNode number) {
        if (number.isFloatingPointNumber()) {
            double value = number.doubleValue();
            return value >= -0x1p63 && value < 0x1p63;
        }
        return number.canConvertToLong();
    }

    private Reading reading(Class<?> type, Consumer<JsonNode> schemaCheck) {
        return new Reading(schemaCheck, mapper.readerFor(type));
    }

    private static JsonMapper mapper(CodecLimits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxDocumentLength(limits.maxPayloadBytes())
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .maxNameLength(MAX_NAME_LENGTH)
                .build();
        return JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(constraints).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A duplicate key could show the schema one value and a lenient reader another.
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Keep "UTC" as written rather than turning it into "Z".
                .disable(DateTimeFeature.NORMALIZE_DESERIALIZED_ZONE_ID)
                .addModule(new SimpleModule("instants").setDeserializerModifier(InstantReading.modifier()))
                .build();
    }

    /** How one contract type is read: a schema check (device payloads only), then binding. */
    private record Reading(Consumer<JsonNode> schemaCheck, ObjectReader reader) {

        Object read(JsonNode tree) {
            if (schemaCheck != null) {
                schemaCheck.accept(tree);
            }
            try {
                return reader.readValue(tree);
            } catch (JacksonException e) {
                throw JacksonErrors.binding(e);
            }
        }
    }
}
