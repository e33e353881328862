package dev.massager.common.codec;

import static dev.massager.common.codec.Fixtures.BATCH;
import static dev.massager.common.codec.Fixtures.FAULT;
import static dev.massager.common.codec.Fixtures.SAMPLE;
import static dev.massager.common.codec.Fixtures.SESSION_ENDED;
import static dev.massager.common.codec.Fixtures.SESSION_STARTED;
import static dev.massager.common.codec.Fixtures.SETTINGS_CHANGED;
import static dev.massager.common.codec.Fixtures.STATUS;
import static dev.massager.common.codec.Fixtures.utf8;
import static dev.massager.common.codec.Fixtures.with;
import static dev.massager.common.codec.Fixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.Fault;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetryBatch;
import dev.massager.common.device.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DevicePayloadRulesTest {

    private static final PayloadCodec CODEC = new PayloadCodec();

    /** The schema files as shipped, each validating a whole document (a batch with its samples). */
    private static final Map<Class<?>, Schema> SHIPPED_SCHEMAS = shippedSchemas();

    private static Map<Class<?>, Schema> shippedSchemas() {
        DeviceSchemas schemas = new DeviceSchemas();
        return Map.of(
                TelemetrySample.class, schemas.get(DeviceSchemas.TELEMETRY_SAMPLE),
                TelemetryBatch.class, schemas.get(DeviceSchemas.TELEMETRY_BATCH),
                DeviceEvent.class, schemas.get(DeviceSchemas.DEVICE_EVENT),
                DeviceStatus.class, schemas.get(DeviceSchemas.DEVICE_STATUS));
    }

    /**
     * Refused by the codec, and by the shipped JSON Schema on its own with the same reason and field. The
     * record constructors check most rules again, so without the second half a rule deleted from a schema
     * file would go unnoticed while schema and records drift apart.
     */
    private static void assertRefused(byte[] payload, Class<?> type, RejectReason reason, String field) {
        assertRefusedBeforeTheSchema(payload, type, reason, field);

        List<Error> errors = SHIPPED_SCHEMAS.get(type).validate(Fixtures.JSON.readTree(payload));

        assertThat(errors).as("errors of the schema alone").isNotEmpty();
        PayloadException bySchema = SchemaErrors.mostSpecific(errors);
        assertThat(bySchema.reason())
                .as("schema alone: " + bySchema.getMessage())
                .isEqualTo(reason);
        assertThat(bySchema.field())
                .as("schema alone: " + bySchema.getMessage())
                .isEqualTo(Optional.ofNullable(field));
    }

    /** Refused by the codec, for rules it applies before any schema: size, syntax, parser limits. */
    private static void assertRefusedBeforeTheSchema(byte[] payload, Class<?> type, RejectReason reason, String field) {
        assertThatExceptionOfType(PayloadException.class)
                .isThrownBy(() -> CODEC.decode(payload, type))
                .satisfies(e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(Optional.ofNullable(field));
                    assertThat(e.detail()).isNotBlank().hasSizeLessThanOrEqualTo(201);
                });
    }

    @Nested
    class BeforeTheSchema {

        @Test
        void shouldRejectAnEmptyPayload() {
            assertRefusedBeforeTheSchema(new byte[0], TelemetrySample.class, RejectReason.EMPTY, null);
            assertRefusedBeforeTheSchema(null, TelemetrySample.class, RejectReason.EMPTY, null);
        }

        @Test
        void shouldRejectAWhitespaceOnlyPayloadAsEmpty() {
            assertRefusedBeforeTheSchema(utf8(" \n\t "), DeviceEvent.class, RejectReason.EMPTY, null);
        }

        @Test
        void shouldRejectAPayloadOverTheCapBeforeParsing() {
            byte[] payload = new byte[CodecLimits.DEFAULTS.maxPayloadBytes() + 1];
            Arrays.fill(payload, (byte) '[');

            assertRefusedBeforeTheSchema(payload, TelemetrySample.class, RejectReason.TOO_LARGE, null);
        }

        @Test
        void shouldApplyAConfiguredCap() {
            PayloadCodec small = new PayloadCodec(CodecLimits.DEFAULTS.withMaxPayloadBytes(100));

            assertThatExceptionOfType(PayloadException.class)
                    .isThrownBy(() -> small.decode(Fixtures.bytes(SAMPLE), TelemetrySample.class))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE));
        }

        @Test
        void shouldRejectNestingTooDeep() {
            String deep = "{\"v\":1,\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";

            assertRefusedBeforeTheSchema(utf8(deep), TelemetrySample.class, RejectReason.TOO_DEEP, null);
        }

        @Test
        void shouldAcceptUnknownNestingWithinTheDepthLimit() {
            byte[] payload = with(SAMPLE, "/extra", "[[[[[[[[{\"a\":[1]}]]]]]]]]");

            assertThat(CODEC.decode(payload, TelemetrySample.class).seq()).isEqualTo(1042);
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "{v:1}", "{\"v\":1,}", "[1 2]", "{\"v\" 1}", "'single'", "NaN", "{\"a\":01}"})
        void shouldRejectTextThatIsNotJson(String text) {
            assertRefusedBeforeTheSchema(utf8(text), TelemetrySample.class, RejectReason.NOT_JSON, null);
        }

        @Test
        void shouldRejectTruncatedJsonAsNotJson() {
            byte[] sample = Fixtures.bytes(SAMPLE);
            byte[] truncated = Arrays.copyOf(sample, sample.length / 2);

            assertThatExceptionOfType(PayloadException.class)
                    .isThrownBy(() -> CODEC.decode(truncated, TelemetrySample.class))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.NOT_JSON);
                        assertThat(e.detail()).startsWith("truncated JSON");
                    });
        }

        @Test
        void shouldRejectTrailingContent() {
            byte[] payload = utf8(Fixtures.text(SAMPLE) + " {}");

            assertRefusedBeforeTheSchema(payload, TelemetrySample.class, RejectReason.NOT_JSON, null);
        }

        @Test
        void shouldRejectDuplicateKeys() {
            String json = "{\"v\":1,\"seq\":1,\"seq\":2}";

            assertRefusedBeforeTheSchema(utf8(json), TelemetrySample.class, RejectReason.NOT_JSON, null);
        }

        @Test
        void shouldRejectInvalidUtf8() {
            byte[] payload = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            assertRefusedBeforeTheSchema(payload, TelemetrySample.class, RejectReason.NOT_JSON, null);
        }

        @Test
        void shouldRejectAnOverlongString() {
            byte[] payload = with(SAMPLE, "/note", "\"" + "x".repeat(40_000) + "\"");

            assertRefusedBeforeTheSchema(payload, TelemetrySample.class, RejectReason.TOO_LARGE, null);
        }

        @Test
        void shouldRejectAnOverlongNumber() {
            byte[] payload = utf8("{\"v\":1,\"seq\":" + "9".repeat(100) + "}");

            assertRefusedBeforeTheSchema(payload, TelemetrySample.class, RejectReason.TOO_LARGE, null);
        }

        @Test
        void shouldRejectADocumentThatIsNotAnObject() {
            assertRefused(utf8("[1,2]"), TelemetrySample.class, RejectReason.WRONG_TYPE, "");
            assertRefused(utf8("null"), DeviceEvent.class, RejectReason.WRONG_TYPE, "");
            assertRefused(utf8("42"), DeviceStatus.class, RejectReason.WRONG_TYPE, "");
        }
    }

    @Nested
    class TelemetrySampleRules {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/v",
                    "/seq",
                    "/ts",
                    "/session",
                    "/mode",
                    "/intensity",
                    "/heat",
                    "/pressure",
                    "/pressure/foot",
                    "/pressure/calf",
                    "/pressure/thigh",
                    "/battery"
                })
        void shouldRejectAMissingField(String field) {
            assertRefused(without(SAMPLE, field), TelemetrySample.class, RejectReason.MISSING_FIELD, field);
        }

        @Test
        void shouldRejectANullFieldAsWrongType() {
            assertRefused(with(SAMPLE, "/mode", "null"), TelemetrySample.class, RejectReason.WRONG_TYPE, "/mode");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "/seq       | \"1042\"",
                    "/ts        | 1763759643250",
                    "/session   | 381",
                    "/mode      | 2",
                    "/intensity | \"2\"",
                    "/intensity | 2.5",
                    "/heat      | true",
                    "/pressure  | [42, 58, 51]",
                    "/pressure/calf | \"58\"",
                    "/battery   | {}",
                    "/v         | \"1\""
                })
        void shouldRejectAWrongType(String field, String value) {
            assertRefused(with(SAMPLE, field, value), TelemetrySample.class, RejectReason.WRONG_TYPE, field);
        }

        @ParameterizedTest
        @CsvSource({
            "/pressure/foot, -1",
            "/pressure/foot, 251",
            "/pressure/calf, -1",
            "/pressure/calf, 251",
            "/pressure/thigh, -1",
            "/pressure/thigh, 251",
            "/intensity, 0",
            "/intensity, 4",
            "/battery, -1",
            "/battery, 101",
            "/seq, -1",
            "/seq, 9223372036854775808"
        })
        void shouldRejectAValueOutOfRange(String field, String value) {
            assertRefused(with(SAMPLE, field, value), TelemetrySample.class, RejectReason.OUT_OF_RANGE, field);
        }

        @Test
        void shouldRejectANumberTooLargeForAnyType() {
            byte[] payload = Fixtures.replacing(SAMPLE, "\"battery\": 81", "\"battery\": 1e999");

            // Checked while parsing: the validator fails on such a number instead of reporting it.
            assertRefusedBeforeTheSchema(payload, TelemetrySample.class, RejectReason.OUT_OF_RANGE, "/battery");
        }

        @ParameterizedTest
        @CsvSource({"/mode, \"TURBO\"", "/mode, \"wave\"", "/heat, \"WARM\""})
        void shouldRejectAnUnknownEnumValue(String field, String value) {
            assertRefused(with(SAMPLE, field, value), TelemetrySample.class, RejectReason.UNKNOWN_ENUM_VALUE, field);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"yesterday\"",
                    "\"2026-11-21\"",
                    "\"2026-11-21 21:14:03Z\"",
                    "\"2026-13-01T00:00:00Z\"",
                    "\"2026-11-21T21:14:03\"",
                    "\"2026-02-30T10:00:00Z\""
                })
        void shouldRejectABadTimestamp(String value) {
            assertRefused(with(SAMPLE, "/ts", value), TelemetrySample.class, RejectReason.INVALID_FORMAT, "/ts");
        }

        @Test
        void shouldAcceptATimestampWithAnOffsetAndStoreItInUtc() {
            TelemetrySample sample =
                    CODEC.decode(with(SAMPLE, "/ts", "\"2026-11-21T22:14:03.250+01:00\""), TelemetrySample.class);

            assertThat(sample.ts()).isEqualTo(Instant.parse("2026-11-21T21:14:03.250Z"));
        }

        @Test
        void shouldAcceptTheEpochFromADeviceThatLostItsClock() {
            TelemetrySample sample =
                    CODEC.decode(with(SAMPLE, "/ts", "\"1970-01-01T00:00:05Z\""), TelemetrySample.class);

            assertThat(sample.ts()).isEqualTo(Instant.ofEpochSecond(5));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "0", "-1"})
        void shouldRejectAnUnsupportedVersion(String version) {
            assertRefused(with(SAMPLE, "/v", version), TelemetrySample.class, RejectReason.UNSUPPORTED_VERSION, "/v");
        }

        @Test
        void shouldRejectAnEmptySessionId() {
            assertRefused(
                    with(SAMPLE, "/session", "\"\""), TelemetrySample.class, RejectReason.OUT_OF_RANGE, "/session");
        }

        @Test
        void shouldRejectASessionIdOver64Characters() {
            String tooLong = "\"" + "s".repeat(65) + "\"";

            assertRefused(
                    with(SAMPLE, "/session", tooLong), TelemetrySample.class, RejectReason.OUT_OF_RANGE, "/session");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"s 1\"", "\"s\\u0000\"", "\"séance\"", "\"\\ud83d\\ude00\""})
        void shouldRejectASessionIdOutsidePrintableAscii(String value) {
            assertRefused(
                    with(SAMPLE, "/session", value), TelemetrySample.class, RejectReason.INVALID_FORMAT, "/session");
        }

        @Test
        void shouldAcceptIntegralNumbersWrittenWithAFraction() {
            TelemetrySample sample = CODEC.decode(with(SAMPLE, "/intensity", "2.0"), TelemetrySample.class);

            assertThat(sample.intensity()).isEqualTo(2);
        }

        @Test
        void shouldIgnoreUnknownFields() {
            byte[] payload = with(with(SAMPLE, "/rssi", "-67"), "/pressure/ankle", "\"n/a\"");

            TelemetrySample sample = CODEC.decode(payload, TelemetrySample.class);

            assertThat(sample).isEqualTo(CODEC.decode(Fixtures.bytes(SAMPLE), TelemetrySample.class));
        }
    }

    @Nested
    class TelemetryBatchRules {

        @Test
        void shouldReturnTheSamplesOfABatchInOrder() {
            List<TelemetrySample> samples = CODEC.decodeTelemetry(Fixtures.bytes(BATCH));

            assertThat(samples).extracting(TelemetrySample::seq).containsExactly(2001L, 2002L, 2003L);
        }

        @Test
        void shouldReturnASingleSampleAsAListOfOne() {
            List<TelemetrySample> samples = CODEC.decodeTelemetry(Fixtures.bytes(SAMPLE));

            assertThat(samples).containsExactly(CODEC.decode(Fixtures.bytes(SAMPLE), TelemetrySample.class));
        }

        @Test
        void shouldReadAPayloadWithSamplesAsABatch() {
            assertThatExceptionOfType(PayloadException.class)
                    .isThrownBy(() -> CODEC.decodeTelemetry(with(SAMPLE, "/samples", "[]")))
                    .satisfies(e -> {
                        assertThat(e.field()).hasValue("/samples");
                        assertThat(e.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
                    });
        }

        @Test
        void shouldRejectAnEmptyBatch() {
            assertRefused(with(BATCH, "/samples", "[]"), TelemetryBatch.class, RejectReason.OUT_OF_RANGE, "/samples");
        }

        @Test
        void shouldRejectABatchOver500Samples() {
            PayloadCodec defaults = new PayloadCodec();
            byte[] payload = Fixtures.batchOf(501);

            assertThatExceptionOfType(PayloadException.class)
                    .isThrownBy(() -> defaults.decode(payload, TelemetryBatch.class))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_ITEMS);
                        assertThat(e.field()).hasValue("/samples");
                    });
            assertRefused(payload, TelemetryBatch.class, RejectReason.TOO_MANY_ITEMS, "/samples");
        }

        @Test
        void shouldReportTooManyItemsBeforeTheErrorsOfTheItems() {
            String items = String.join(",", Collections.nCopies(501, "{}"));

            assertRefused(
                    utf8("{\"v\":1,\"samples\":[" + items + "]}"),
                    TelemetryBatch.class,
                    RejectReason.TOO_MANY_ITEMS,
                    "/samples");
        }

        @Test
        void shouldAcceptExactly500Samples() {
            PayloadCodec defaults = new PayloadCodec();

            assertThat(defaults.decodeTelemetry(Fixtures.batchOf(500))).hasSize(500);
        }

        @Test
        void shouldFitAFullBatchOfWorstCaseSamplesUnderTheDefaultCap() {
            // Every field at its longest: what the default cap promises room for.
            String longestSessionId = "s-" + "0123456789abcdef".repeat(4).substring(2);
            Instant nanosecondTimestamp = Instant.parse("2026-11-21T21:14:03.123456789Z");
            List<TelemetrySample> samples = IntStream.range(0, 500)
                    .mapToObj(i -> new TelemetrySample(
                            Long.MAX_VALUE - i,
                            nanosecondTimestamp,
                            longestSessionId,
                            Mode.SEQUENTIAL,
                            3,
                            Heat.HIGH,
                            new Pressure(250, 250, 250),
                            100))
                    .toList();
            PayloadCodec defaults = new PayloadCodec();

            byte[] payload = defaults.encode(new TelemetryBatch(samples));

            assertThat(longestSessionId).hasSize(64);
            assertThat(Long.toString(samples.get(499).seq())).hasSize(19);
            assertThat(payload.length)
                    .as("compact batch of 500 worst-case samples")
                    .isLessThanOrEqualTo(CodecLimits.DEFAULTS.maxPayloadBytes());
            assertThat(defaults.decodeTelemetry(payload)).isEqualTo(samples);

            // The same instants written with an offset instead of "Z", five characters longer each.
            byte[] withOffsets = new String(payload, StandardCharsets.UTF_8)
                    .replace("03.123456789Z", "04.123456789+00:00")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(withOffsets.length)
                    .as("the same batch with offsets")
                    .isGreaterThan(payload.length)
                    .isLessThanOrEqualTo(CodecLimits.DEFAULTS.maxPayloadBytes());
            assertThat(defaults.decodeTelemetry(withOffsets)).hasSize(500);
        }

        @Test
        void shouldCapPayloadsAt132KiBByDefault() {
            assertThat(CodecLimits.DEFAULTS.maxPayloadBytes()).isEqualTo(132 * 1024);
        }

        @Test
        void shouldRejectABatchWithoutItsOwnVersion() {
            assertRefused(without(BATCH, "/v"), TelemetryBatch.class, RejectReason.MISSING_FIELD, "/v");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "0", "-1"})
        void shouldRejectABatchOfAnotherVersion(String version) {
            assertRefused(with(BATCH, "/v", version), TelemetryBatch.class, RejectReason.UNSUPPORTED_VERSION, "/v");
        }

        @Test
        void shouldRejectABatchVersionOfTheWrongType() {
            assertRefused(with(BATCH, "/v", "\"1\""), TelemetryBatch.class, RejectReason.WRONG_TYPE, "/v");
        }

        @Test
        void shouldNameTheSampleAndFieldAtFault() {
            assertRefused(
                    with(BATCH, "/samples/2/mode", "\"TURBO\""),
                    TelemetryBatch.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/samples/2/mode");
        }

        @Test
        void shouldReportTheFirstSampleAtFaultInIndexOrder() {
            byte[] twoBad = with(with(Fixtures.batchOf(12), "/samples/10/battery", "101"), "/samples/9/battery", "101");

            assertRefused(twoBad, TelemetryBatch.class, RejectReason.OUT_OF_RANGE, "/samples/9/battery");
        }

        @Test
        void shouldRejectASampleWithAnotherVersionInsideABatch() {
            assertRefused(
                    with(BATCH, "/samples/1/v", "2"),
                    TelemetryBatch.class,
                    RejectReason.UNSUPPORTED_VERSION,
                    "/samples/1/v");
        }

        @Test
        void shouldRejectABatchOfTheWrongShape() {
            assertRefused(with(BATCH, "/samples", "{}"), TelemetryBatch.class, RejectReason.WRONG_TYPE, "/samples");
            assertRefused(without(BATCH, "/samples"), TelemetryBatch.class, RejectReason.MISSING_FIELD, "/samples");
        }
    }

    @Nested
    class DeviceEventRules {

        @ParameterizedTest
        @CsvSource({
            "device/event-session-started.json, /session",
            "device/event-session-started.json, /mode",
            "device/event-session-started.json, /intensity",
            "device/event-session-started.json, /heat",
            "device/event-session-started.json, /timerMin",
            "device/event-session-started.json, /fw",
            "device/event-settings-changed.json, /session",
            "device/event-session-ended.json, /session",
            "device/event-session-ended.json, /reason",
            "device/event-fault.json, /code",
            "device/event-fault.json, /v",
            "device/event-fault.json, /seq",
            "device/event-fault.json, /ts",
            "device/event-fault.json, /type"
        })
        void shouldRejectAMissingField(String fixture, String field) {
            assertRefused(without(fixture, field), DeviceEvent.class, RejectReason.MISSING_FIELD, field);
        }

        @Test
        void shouldRejectSettingsChangedWithNoSetting() {
            assertThatExceptionOfType(PayloadException.class)
                    .isThrownBy(() -> CODEC.decode(without(SETTINGS_CHANGED, "/intensity"), DeviceEvent.class))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
                        assertThat(e.field()).hasValue("/mode");
                        assertThat(e.detail()).isEqualTo("at least one of mode, intensity, heat is required");
                    });
        }

        @Test
        void shouldAcceptSettingsChangedWithOnlyTheChangedSetting() {
            DeviceEvent event =
                    CODEC.decode(with(without(SETTINGS_CHANGED, "/intensity"), "/heat", "\"HIGH\""), DeviceEvent.class);

            assertThat(event).isInstanceOfSatisfying(SettingsChanged.class, changed -> {
                assertThat(changed.heat()).hasToString("HIGH");
                assertThat(changed.mode()).isNull();
                assertThat(changed.intensity()).isNull();
            });
        }

        @Test
        void shouldRejectABadSettingEvenWhenAnotherIsGood() {
            assertRefused(
                    with(SETTINGS_CHANGED, "/mode", "\"TURBO\""),
                    DeviceEvent.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/mode");
        }

        @Test
        void shouldRejectAnUnknownEventType() {
            assertRefused(
                    with(FAULT, "/type", "\"REBOOTED\""), DeviceEvent.class, RejectReason.UNKNOWN_ENUM_VALUE, "/type");
        }

        @Test
        void shouldRejectAJavaClassNameAsEventType() {
            assertRefused(
                    with(FAULT, "/type", "\"dev.massager.common.device.Fault\""),
                    DeviceEvent.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/type");
        }

        @Test
        void shouldRejectAnEventTypeOfTheWrongType() {
            assertRefused(with(FAULT, "/type", "3"), DeviceEvent.class, RejectReason.WRONG_TYPE, "/type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "5", "12", "25", "30", "-15"})
        void shouldRejectATimerOtherThan10To20By5(String minutes) {
            assertRefused(
                    with(SESSION_STARTED, "/timerMin", minutes),
                    DeviceEvent.class,
                    RejectReason.OUT_OF_RANGE,
                    "/timerMin");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"15\"", "15.5", "true", "[15]"})
        void shouldRejectATimerOfTheWrongType(String minutes) {
            assertRefused(
                    with(SESSION_STARTED, "/timerMin", minutes),
                    DeviceEvent.class,
                    RejectReason.WRONG_TYPE,
                    "/timerMin");
        }

        @Test
        void shouldRejectAnUnknownEndReason() {
            assertRefused(
                    with(SESSION_ENDED, "/reason", "\"CRASH\""),
                    DeviceEvent.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/reason");
        }

        @Test
        void shouldRejectAnUnknownFaultCode() {
            assertRefused(
                    with(FAULT, "/code", "\"SMOKE\""), DeviceEvent.class, RejectReason.UNKNOWN_ENUM_VALUE, "/code");
        }

        @Test
        void shouldRejectFirmwareOver32Characters() {
            assertRefused(
                    with(SESSION_STARTED, "/fw", "\"" + "1".repeat(33) + "\""),
                    DeviceEvent.class,
                    RejectReason.OUT_OF_RANGE,
                    "/fw");
        }

        @Test
        void shouldRejectAnEmptyFirmware() {
            assertRefused(with(SESSION_STARTED, "/fw", "\"\""), DeviceEvent.class, RejectReason.OUT_OF_RANGE, "/fw");
        }

        @Test
        void shouldAcceptFirmwareOf32Characters() {
            String longest = "2.3.1-rc.1+b" + "7".repeat(20);

            assertThat(CODEC.decode(with(SESSION_STARTED, "/fw", "\"" + longest + "\""), DeviceEvent.class))
                    .isInstanceOfSatisfying(
                            SessionStarted.class,
                            started ->
                                    assertThat(started.fw()).isEqualTo(longest).hasSize(32));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2.3 1\"", "\"2.3.1\\t\"", "\"2.3.1-é\"", "\"\\ud83d\\ude00\""})
        void shouldRejectFirmwareOutsidePrintableAscii(String fw) {
            assertRefused(with(SESSION_STARTED, "/fw", fw), DeviceEvent.class, RejectReason.INVALID_FORMAT, "/fw");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"s 1\"", "\"s-1\\n\"", "\"séance\""})
        void shouldRejectAFaultSessionIdOutsidePrintableAscii(String session) {
            assertRefused(with(FAULT, "/session", session), DeviceEvent.class, RejectReason.INVALID_FORMAT, "/session");
        }

        @Test
        void shouldRejectAFaultSessionIdOfTheWrongLength() {
            assertRefused(with(FAULT, "/session", "\"\""), DeviceEvent.class, RejectReason.OUT_OF_RANGE, "/session");
            assertRefused(
                    with(FAULT, "/session", "\"" + "s".repeat(65) + "\""),
                    DeviceEvent.class,
                    RejectReason.OUT_OF_RANGE,
                    "/session");
        }

        @Test
        void shouldAcceptAFaultOutsideASession() {
            DeviceEvent event = CODEC.decode(without(FAULT, "/session"), DeviceEvent.class);

            assertThat(event)
                    .isInstanceOfSatisfying(
                            Fault.class, fault -> assertThat(fault.session()).isNull());
        }

        @Test
        void shouldIgnoreFieldsThatBelongToAnotherEventType() {
            byte[] payload = with(with(FAULT, "/reason", "\"NOT-A-REASON\""), "/timerMin", "\"soon\"");

            assertThat(CODEC.decode(payload, DeviceEvent.class))
                    .isEqualTo(CODEC.decode(Fixtures.bytes(FAULT), DeviceEvent.class));
        }

        @Test
        void shouldRejectAnUnsupportedVersion() {
            assertRefused(with(SESSION_ENDED, "/v", "2"), DeviceEvent.class, RejectReason.UNSUPPORTED_VERSION, "/v");
        }
    }

    @Nested
    class DeviceStatusRules {

        @Test
        void shouldRejectAnUnknownState() {
            assertRefused(
                    with(STATUS, "/state", "\"SLEEPING\""),
                    DeviceStatus.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/state");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/v", "/state", "/ts"})
        void shouldRejectAMissingField(String field) {
            assertRefused(without(STATUS, field), DeviceStatus.class, RejectReason.MISSING_FIELD, field);
        }

        @Test
        void shouldAcceptAStatusWithoutFirmware() {
            assertThat(CODEC.decode(without(STATUS, "/fw"), DeviceStatus.class).fw())
                    .isNull();
        }

        @Test
        void shouldRejectABadTimestamp() {
            assertRefused(with(STATUS, "/ts", "\"now\""), DeviceStatus.class, RejectReason.INVALID_FORMAT, "/ts");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "\"\"                                  | OUT_OF_RANGE",
                    "\"123456789012345678901234567890123\" | OUT_OF_RANGE",
                    "\"2.3 1\"                             | INVALID_FORMAT",
                    "\"2.3.1-é\"                           | INVALID_FORMAT",
                    "231                                   | WRONG_TYPE",
                    "null                                  | WRONG_TYPE"
                })
        void shouldRejectABadFirmware(String fw, RejectReason reason) {
            assertRefused(with(STATUS, "/fw", fw), DeviceStatus.class, reason, "/fw");
        }
    }

    @Nested
    class WhenSeveralRulesAreBroken {

        @Test
        void shouldReportTheVersionFirst() {
            byte[] payload = with(with(with(SAMPLE, "/battery", "900"), "/mode", "1"), "/v", "7");

            assertRefused(payload, TelemetrySample.class, RejectReason.UNSUPPORTED_VERSION, "/v");
        }

        @Test
        void shouldReportTheEventTypeBeforeOtherFields() {
            byte[] payload = with(with(SESSION_STARTED, "/seq", "-5"), "/type", "\"BOOM\"");

            assertRefused(payload, DeviceEvent.class, RejectReason.UNKNOWN_ENUM_VALUE, "/type");
        }

        @Test
        void shouldReportFieldsInPathOrder() {
            byte[] payload = with(with(SAMPLE, "/session", "\"\""), "/battery", "101");

            assertRefused(payload, TelemetrySample.class, RejectReason.OUT_OF_RANGE, "/battery");
        }

        @Test
        void shouldReportTheTypeBeforeTheRangeOfTheSameField() {
            assertRefused(
                    with(SAMPLE, "/intensity", "-2.5"), TelemetrySample.class, RejectReason.WRONG_TYPE, "/intensity");
        }

        @Test
        void shouldReportTheSameErrorEveryTime() {
            byte[] payload = without(with(with(SESSION_STARTED, "/heat", "\"WARM\""), "/intensity", "9"), "/fw");

            List<String> messages = IntStream.range(0, 20)
                    .mapToObj(i -> catchMessage(payload))
                    .distinct()
                    .toList();

            assertThat(messages).hasSize(1);
        }

        private String catchMessage(byte[] payload) {
            try {
                CODEC.decode(payload, DeviceEvent.class);
                return "accepted";
            } catch (PayloadException e) {
                return e.getMessage();
            }
        }
    }
}
