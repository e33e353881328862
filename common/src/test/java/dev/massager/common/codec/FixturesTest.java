package dev.massager.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceEventType;
import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.TelemetrySample;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class FixturesTest {

    private static final PayloadCodec CODEC = new PayloadCodec();

    static Stream<Arguments> fixtures() {
        return Fixtures.ALL.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    static Stream<Arguments> deviceFixtures() {
        return Stream.of(
                Arguments.of("device/telemetry-sample.json", "telemetry-sample.schema.json"),
                Arguments.of("device/telemetry-batch.json", "telemetry-batch.schema.json"),
                Arguments.of("device/event-session-started.json", "device-event.schema.json"),
                Arguments.of("device/event-settings-changed.json", "device-event.schema.json"),
                Arguments.of("device/event-session-ended.json", "device-event.schema.json"),
                Arguments.of("device/event-fault.json", "device-event.schema.json"),
                Arguments.of("device/event-fault-outside-session.json", "device-event.schema.json"),
                Arguments.of("device/status-online.json", "device-status.schema.json"),
                Arguments.of("device/status-offline.json", "device-status.schema.json"));
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.massager.common.codec.FixturesTest#fixtures")
        void shouldDecodeEncodeAndDecodeToAnEqualRecord(String fixture, Class<?> type) {
            Object decoded = CODEC.decode(Fixtures.bytes(fixture), type);

            Object again = CODEC.decode(CODEC.encode(decoded), type);

            assertThat(again).isEqualTo(decoded).hasSameHashCodeAs(decoded);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.massager.common.codec.FixturesTest#fixtures")
        void shouldEncodeToTheFixtureJson(String fixture, Class<?> type) {
            Object decoded = CODEC.decode(Fixtures.bytes(fixture), type);

            JsonNode encoded = Fixtures.JSON.readTree(CODEC.encode(decoded));

            assertThat(encoded).isEqualTo(Fixtures.tree(fixture));
        }

        @Test
        void shouldBindEveryFieldOfTheSample() {
            TelemetrySample sample = CODEC.decode(Fixtures.bytes(Fixtures.SAMPLE), TelemetrySample.class);

            assertThat(sample)
                    .isEqualTo(new TelemetrySample(
                            1042,
                            Instant.parse("2026-11-21T21:14:03.250Z"),
                            "s-000381",
                            Mode.WAVE,
                            2,
                            Heat.LOW,
                            new Pressure(42, 58, 51),
                            81));
            assertThat(sample.v()).isEqualTo(1);
        }

        @Test
        void shouldBindTheEventTypeToItsRecord() {
            DeviceEvent event = CODEC.decode(Fixtures.bytes(Fixtures.SESSION_STARTED), DeviceEvent.class);

            assertThat(event)
                    .isEqualTo(new SessionStarted(
                            1040,
                            Instant.parse("2026-11-21T21:13:58.010Z"),
                            "s-000381",
                            Mode.WAVE,
                            2,
                            Heat.LOW,
                            15,
                            "2.3.1"));
        }
    }

    @Nested
    class Schemas {

        private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

        @ParameterizedTest(name = "{0} against {1}")
        @MethodSource("dev.massager.common.codec.FixturesTest#deviceFixtures")
        void shouldValidateEveryDeviceFixtureAgainstItsSchemaFile(String fixture, String schemaFile) {
            Schema schema = new DeviceSchemas().get(schemaFile);

            assertThat(schema.validate(Fixtures.tree(fixture))).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("schemaFiles")
        void shouldBeValidDraft202012Schemas(String schemaFile) {
            Schema metaSchema = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
            JsonNode schema = schema(schemaFile);

            assertThat(metaSchema.validate(schema)).isEmpty();
            assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }

        @Test
        void shouldListTheSameEnumValuesAsTheRecords() {
            JsonNode common = schema("common.schema.json");
            JsonNode event = schema("device-event.schema.json");

            assertThat(strings(common.at("/$defs/mode/enum"))).containsExactlyElementsOf(names(Mode.values()));
            assertThat(strings(common.at("/$defs/heat/enum"))).containsExactlyElementsOf(names(Heat.values()));
            assertThat(strings(event.at("/properties/type/enum")))
                    .containsExactlyElementsOf(names(DeviceEventType.values()));
            assertThat(strings(event.at("/allOf/2/then/properties/reason/enum")))
                    .containsExactlyElementsOf(names(EndReason.values()));
            assertThat(strings(event.at("/allOf/3/then/properties/code/enum")))
                    .containsExactlyElementsOf(names(FaultCode.values()));
            assertThat(strings(schema("device-status.schema.json").at("/properties/state/enum")))
                    .containsExactlyElementsOf(names(DeviceState.values()));
        }

        @Test
        void shouldUseTheSameLimitsAsTheRecords() {
            JsonNode common = schema("common.schema.json");

            assertThat(common.at("/$defs/version/const").asInt()).isEqualTo(DeviceLimits.VERSION);
            assertThat(common.at("/$defs/intensity/minimum").asInt()).isEqualTo(DeviceLimits.MIN_INTENSITY);
            assertThat(common.at("/$defs/intensity/maximum").asInt()).isEqualTo(DeviceLimits.MAX_INTENSITY);
            assertThat(common.at("/$defs/chamberPressure/maximum").asInt()).isEqualTo(DeviceLimits.MAX_PRESSURE_MMHG);
            assertThat(common.at("/$defs/sessionId/maxLength").asInt()).isEqualTo(DeviceLimits.MAX_SESSION_ID_LENGTH);
            assertThat(common.at("/$defs/firmware/maxLength").asInt()).isEqualTo(DeviceLimits.MAX_FIRMWARE_LENGTH);
            assertThat(schema("telemetry-sample.schema.json")
                            .at("/properties/battery/maximum")
                            .asInt())
                    .isEqualTo(DeviceLimits.MAX_BATTERY_PERCENT);
            assertThat(schema("telemetry-batch.schema.json")
                            .at("/properties/samples/maxItems")
                            .asInt())
                    .isEqualTo(DeviceLimits.MAX_BATCH_SAMPLES);
            assertThat(schema("device-event.schema.json")
                            .at("/allOf/0/then/properties/timerMin/enum")
                            .values())
                    .extracting(JsonNode::asInt)
                    .containsExactlyInAnyOrderElementsOf(DeviceLimits.TIMER_MINUTES);
        }

        private JsonNode schema(String file) {
            return Fixtures.JSON.readTree(DeviceSchemas.class.getResourceAsStream("/schemas/device/" + file));
        }

        private List<String> strings(JsonNode array) {
            assertThat(array.isArray()).as("an enum array").isTrue();
            return array.values().stream().map(JsonNode::asString).toList();
        }

        private List<String> names(Enum<?>[] values) {
            return Arrays.stream(values).map(Enum::name).toList();
        }

        static Stream<String> schemaFiles() {
            return Stream.of(
                    "common.schema.json",
                    "telemetry-sample.schema.json",
                    "telemetry-batch.schema.json",
                    "device-event.schema.json",
                    "device-status.schema.json");
        }
    }
}
