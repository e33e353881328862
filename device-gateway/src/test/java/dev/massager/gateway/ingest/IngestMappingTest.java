package dev.massager.gateway.ingest;

import static dev.massager.gateway.ingest.Payloads.BATCH;
import static dev.massager.gateway.ingest.Payloads.EVENT;
import static dev.massager.gateway.ingest.Payloads.SAMPLE;
import static dev.massager.gateway.ingest.Payloads.STATUS;
import static dev.massager.gateway.ingest.Payloads.batchOf;
import static dev.massager.gateway.ingest.Payloads.bytes;
import static dev.massager.gateway.ingest.Payloads.nested;
import static dev.massager.gateway.ingest.Payloads.sampleAt;
import static dev.massager.gateway.ingest.Payloads.text;
import static dev.massager.gateway.ingest.Payloads.utf8;
import static dev.massager.gateway.ingest.Payloads.with;
import static dev.massager.gateway.ingest.Payloads.without;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.massager.common.RejectReason;
import dev.massager.common.codec.CodecLimits;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.ingest.RejectedMessage;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.common.topic.MqttTopic.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IngestMappingTest {

    private static final PayloadCodec CODEC = new PayloadCodec();

    private static final String DEVICE = "m-0042";
    private static final String TELEMETRY = "massagers/m-0042/telemetry";
    private static final String EVENTS = "massagers/m-0042/events";
    private static final String STATUS_TOPIC = "massagers/m-0042/status";
    private static final String GATEWAY = "gateway-7";

    /** 61 ms after the sample fixture was measured. */
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-21T21:14:03.311Z");

    /** The gateway's defaults: a device clock may run 5 minutes ahead, a backlog may be a week old. */
    private static final ClockSkewBounds BOUNDS = new ClockSkewBounds(Duration.ofMinutes(5), Duration.ofDays(7));

    private final IngestMapping mapping = new IngestMapping(CODEC, BOUNDS, GATEWAY);

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static List<String> headerNames(ProducerRecord<String, byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .map(Header::key)
                .toList();
    }

    private static String clockSkew(ProducerRecord<String, byte[]> record) {
        return header(record, IngestHeaders.CLOCK_SKEW);
    }

    /**
     * The one dead letter {@code ingested} holds, decoded, after checking what every dead letter must carry: the
     * rejected topic, the reason, the device key, the MQTT topic, the receive time and the raw bytes as received.
     */
    private static RejectedMessage assertDeadLetter(
            Ingested ingested, String mqttTopic, byte[] payload, RejectReason reason, String key) {
        assertThat(ingested.rejection()).contains(reason);
        assertThat(ingested.rejected()).isEqualTo(reason);
        assertThat(ingested.records()).hasSize(1);
        ProducerRecord<String, byte[]> record = ingested.records().get(0);
        assertThat(record.topic()).isEqualTo(KafkaTopics.INGEST_REJECTED);
        assertThat(record.key()).isEqualTo(key);

        RejectedMessage rejected = CODEC.decode(record.value(), RejectedMessage.class);

        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.deviceId()).isEqualTo(key);
        assertThat(rejected.mqttTopic()).isEqualTo(mqttTopic);
        assertThat(rejected.receivedAt()).isEqualTo(RECEIVED_AT);
        int kept = Math.min(payload.length, RejectedMessage.MAX_KEPT_PAYLOAD_BYTES);
        assertThat(rejected.payload()).as("the first bytes as received").isEqualTo(Arrays.copyOf(payload, kept));
        assertThat(rejected.truncated()).isEqualTo(kept < payload.length);
        assertThat(rejected.originalSize()).isEqualTo(payload.length);
        assertThat(rejected.detail()).isNotBlank();
        return rejected;
    }

    @Nested
    class Samples {

        @Test
        void shouldProduceOneRecordOnTheTelemetryTopicKeyedByTheDeviceId() {
            Ingested ingested = mapping.map(TELEMETRY, bytes(SAMPLE), RECEIVED_AT);

            assertThat(ingested.kind()).isEqualTo(Kind.TELEMETRY);
            assertThat(ingested.rejection()).isEmpty();
            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.TELEMETRY);
                assertThat(record.key()).isEqualTo(DEVICE);
                assertThat(record.partition()).as("left to the key").isNull();
            });
        }

        @Test
        void shouldCarryTheSampleAsItsValue() {
            Ingested ingested = mapping.map(TELEMETRY, bytes(SAMPLE), RECEIVED_AT);

            TelemetrySample value = CODEC.decode(ingested.records().get(0).value(), TelemetrySample.class);
            assertThat(value)
                    .isEqualTo(new TelemetrySample(
                            1042,
                            Instant.parse("2026-11-21T21:14:03.250Z"),
                            "s-000381",
                            Mode.WAVE,
                            2,
                            Heat.LOW,
                            new Pressure(42, 58, 51),
                            81));
        }

        @Test
        void shouldCarryTheMqttTopicTheReceiveTimeTheGatewayAndTheClockSkewFlagAsHeaders() {
            ProducerRecord<String, byte[]> record =
                    mapping.map(TELEMETRY, bytes(SAMPLE), RECEIVED_AT).records().get(0);

            assertThat(header(record, IngestHeaders.MQTT_TOPIC)).isEqualTo(TELEMETRY);
            assertThat(header(record, IngestHeaders.RECEIVED_AT)).isEqualTo("2026-11-21T21:14:03.311Z");
            assertThat(header(record, IngestHeaders.GATEWAY_INSTANCE)).isEqualTo(GATEWAY);
            assertThat(clockSkew(record)).isEqualTo("false");
            assertThat(headerNames(record))
                    .as("each header exactly once")
                    .containsExactlyInAnyOrder(
                            IngestHeaders.MQTT_TOPIC,
                            IngestHeaders.RECEIVED_AT,
                            IngestHeaders.GATEWAY_INSTANCE,
                            IngestHeaders.CLOCK_SKEW);
        }

        @Test
        void shouldWriteTheReceiveTimeAsAnIsoInstantWhateverItsPrecision() {
            Instant receivedAt = Instant.parse("2026-11-21T21:14:04Z");

            ProducerRecord<String, byte[]> record =
                    mapping.map(TELEMETRY, bytes(SAMPLE), receivedAt).records().get(0);

            assertThat(header(record, IngestHeaders.RECEIVED_AT)).isEqualTo("2026-11-21T21:14:04Z");
            assertThat(Instant.parse(header(record, IngestHeaders.RECEIVED_AT))).isEqualTo(receivedAt);
        }

        @Test
        void shouldNormaliseTheValueToUtcWithoutUnknownFields() {
            byte[] payload = with(SAMPLE, "/ts", "\"2026-11-21T22:14:03.250+01:00\"");
            payload = utf8(new String(payload, UTF_8).replaceFirst("\\{", "{\"note\":\"from the field\","));

            ProducerRecord<String, byte[]> record =
                    mapping.map(TELEMETRY, payload, RECEIVED_AT).records().get(0);

            String value = new String(record.value(), UTF_8);
            assertThat(value).contains("\"ts\":\"2026-11-21T21:14:03.250Z\"").doesNotContain("note");
            assertThat(clockSkew(record)).isEqualTo("false");
        }
    }

    @Nested
    class Batches {

        private static final Instant AFTER_THE_BATCH = Instant.parse("2026-11-21T22:06:00Z");

        @Test
        void shouldSplitABatchIntoOneRecordPerSample() {
            Ingested ingested = mapping.map(TELEMETRY, bytes(BATCH), AFTER_THE_BATCH);

            assertThat(ingested.kind()).isEqualTo(Kind.TELEMETRY);
            assertThat(ingested.rejection()).isEmpty();
            assertThat(ingested.records()).hasSize(3).allSatisfy(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.TELEMETRY);
                assertThat(record.key()).isEqualTo(DEVICE);
                assertThat(CODEC.decodeTelemetry(record.value()))
                        .as("a single sample, not a batch")
                        .hasSize(1);
                assertThat(new String(record.value(), UTF_8)).doesNotContain("samples");
            });
        }

        @Test
        void shouldKeepTheOrderOfTheBatch() {
            Ingested ingested = mapping.map(TELEMETRY, bytes(BATCH), AFTER_THE_BATCH);

            assertThat(ingested.records())
                    .extracting(record -> CODEC.decode(record.value(), TelemetrySample.class))
                    .extracting(TelemetrySample::seq, TelemetrySample::ts)
                    .containsExactly(
                            tuple(2001L, Instant.parse("2026-11-21T22:05:01Z")),
                            tuple(2002L, Instant.parse("2026-11-21T22:05:02Z")),
                            tuple(2003L, Instant.parse("2026-11-21T22:05:03.500Z")));
        }

        @Test
        void shouldCarryTheLastSampleOfTheBatchUnchanged() {
            Ingested ingested = mapping.map(TELEMETRY, bytes(BATCH), AFTER_THE_BATCH);

            assertThat(CODEC.decode(ingested.records().get(2).value(), TelemetrySample.class))
                    .isEqualTo(new TelemetrySample(
                            2003,
                            Instant.parse("2026-11-21T22:05:03.500Z"),
                            "s-000382",
                            Mode.FULL,
                            3,
                            Heat.HIGH,
                            new Pressure(250, 250, 249),
                            0));
        }

        @Test
        void shouldGiveEverySampleOfABatchTheHeadersOfTheMessage() {
            Ingested ingested = mapping.map(TELEMETRY, bytes(BATCH), AFTER_THE_BATCH);

            assertThat(ingested.records()).allSatisfy(record -> {
                assertThat(header(record, IngestHeaders.MQTT_TOPIC)).isEqualTo(TELEMETRY);
                assertThat(header(record, IngestHeaders.RECEIVED_AT)).isEqualTo("2026-11-21T22:06:00Z");
                assertThat(header(record, IngestHeaders.GATEWAY_INSTANCE)).isEqualTo(GATEWAY);
                assertThat(clockSkew(record)).isEqualTo("false");
            });
        }

        @Test
        void shouldAcceptABatchOfTheLargestAllowedSize() {
            Ingested ingested = mapping.map(TELEMETRY, batchOf(500), RECEIVED_AT);

            assertThat(ingested.rejection()).isEmpty();
            assertThat(ingested.records())
                    .hasSize(500)
                    .allSatisfy(record -> assertThat(record.topic()).isEqualTo(KafkaTopics.TELEMETRY));
        }

        @Test
        void shouldProduceNoSampleOfABatchWithOneBadSample() {
            byte[] payload = with(BATCH, "/samples/1/pressure/foot", "-1");

            Ingested ingested = mapping.map(TELEMETRY, payload, AFTER_THE_BATCH);

            assertThat(ingested.records())
                    .singleElement()
                    .satisfies(record -> assertThat(record.topic()).isEqualTo(KafkaTopics.INGEST_REJECTED));
            assertThat(ingested.rejection()).contains(RejectReason.OUT_OF_RANGE);
        }
    }

    @Nested
    class EventsAndStatus {

        @Test
        void shouldProduceAnEventOnTheDeviceEventsTopic() {
            Ingested ingested = mapping.map(EVENTS, bytes(EVENT), RECEIVED_AT);

            assertThat(ingested.kind()).isEqualTo(Kind.EVENTS);
            assertThat(ingested.rejection()).isEmpty();
            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.DEVICE_EVENTS);
                assertThat(record.key()).isEqualTo(DEVICE);
                assertThat(CODEC.decode(record.value(), DeviceEvent.class))
                        .isEqualTo(new SessionStarted(
                                1040,
                                Instant.parse("2026-11-21T21:13:58.010Z"),
                                "s-000381",
                                Mode.WAVE,
                                2,
                                Heat.LOW,
                                15,
                                "2.3.1"));
                assertThat(header(record, IngestHeaders.MQTT_TOPIC)).isEqualTo(EVENTS);
                assertThat(header(record, IngestHeaders.RECEIVED_AT)).isEqualTo("2026-11-21T21:14:03.311Z");
                assertThat(header(record, IngestHeaders.GATEWAY_INSTANCE)).isEqualTo(GATEWAY);
                assertThat(clockSkew(record)).isEqualTo("false");
            });
        }

        @Test
        void shouldProduceAStatusOnTheDeviceStatusTopic() {
            Ingested ingested = mapping.map(STATUS_TOPIC, bytes(STATUS), RECEIVED_AT);

            assertThat(ingested.kind()).isEqualTo(Kind.STATUS);
            assertThat(ingested.rejection()).isEmpty();
            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.DEVICE_STATUS);
                assertThat(record.key()).isEqualTo(DEVICE);
                assertThat(CODEC.decode(record.value(), DeviceStatus.class))
                        .isEqualTo(
                                new DeviceStatus(DeviceState.ONLINE, Instant.parse("2026-11-21T21:13:50Z"), "2.3.1"));
                assertThat(header(record, IngestHeaders.MQTT_TOPIC)).isEqualTo(STATUS_TOPIC);
                assertThat(header(record, IngestHeaders.GATEWAY_INSTANCE)).isEqualTo(GATEWAY);
                assertThat(clockSkew(record)).isEqualTo("false");
            });
        }

        @Test
        void shouldProduceAnOfflineStatusWithoutFirmware() {
            byte[] payload = utf8("{\"v\":1,\"state\":\"OFFLINE\",\"ts\":\"2026-11-21T21:13:50Z\"}");

            Ingested ingested = mapping.map(STATUS_TOPIC, payload, RECEIVED_AT);

            assertThat(ingested.records())
                    .singleElement()
                    .satisfies(record -> assertThat(CODEC.decode(record.value(), DeviceStatus.class))
                            .isEqualTo(new DeviceStatus(
                                    DeviceState.OFFLINE, Instant.parse("2026-11-21T21:13:50Z"), null)));
        }
    }

    @Nested
    class ClockSkew {

        private String skewOfSampleAt(String ts) {
            return clockSkew(
                    mapping.map(TELEMETRY, sampleAt(ts), RECEIVED_AT).records().get(0));
        }

        @Test
        void shouldFlagATimestampFurtherAheadThanTheBound() {
            assertThat(skewOfSampleAt("2026-11-21T21:24:03.311Z")).isEqualTo("true");
        }

        @Test
        void shouldNotFlagATimestampAheadWithinTheBound() {
            assertThat(skewOfSampleAt("2026-11-21T21:18:03.311Z")).isEqualTo("false");
        }

        @Test
        void shouldFlagAClockResetTo1970() {
            assertThat(skewOfSampleAt("1970-01-01T00:00:07Z")).isEqualTo("true");
        }

        @Test
        void shouldNotFlagABacklogSampleAFewHoursOld() {
            assertThat(skewOfSampleAt("2026-11-21T17:14:03.311Z")).isEqualTo("false");
        }

        @Test
        void shouldFlagATimestampFurtherBehindThanTheBound() {
            assertThat(skewOfSampleAt("2026-11-13T21:14:03.311Z")).isEqualTo("true");
        }

        @Test
        void shouldKeepTheDeviceTimeAsEventTimeEvenWhenFlagged() {
            ProducerRecord<String, byte[]> record = mapping.map(
                            TELEMETRY, sampleAt("1970-01-01T00:00:07Z"), RECEIVED_AT)
                    .records()
                    .get(0);

            assertThat(CODEC.decode(record.value(), TelemetrySample.class).ts())
                    .isEqualTo(Instant.parse("1970-01-01T00:00:07Z"));
            assertThat(header(record, IngestHeaders.RECEIVED_AT)).isEqualTo("2026-11-21T21:14:03.311Z");
        }

        @Test
        void shouldFlagEachSampleOfABatchOnItsOwn() {
            byte[] payload = with(BATCH, "/samples/1/ts", "\"1970-01-01T00:00:02Z\"");

            Ingested ingested = mapping.map(TELEMETRY, payload, Instant.parse("2026-11-21T22:06:00Z"));

            assertThat(ingested.records())
                    .extracting(IngestMappingTest::clockSkew)
                    .containsExactly("false", "true", "false");
        }

        @Test
        void shouldFlagAnEventFromTheFuture() {
            byte[] payload = with(EVENT, "/ts", "\"2027-01-01T00:00:00Z\"");

            Ingested ingested = mapping.map(EVENTS, payload, RECEIVED_AT);

            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.DEVICE_EVENTS);
                assertThat(clockSkew(record)).isEqualTo("true");
            });
        }

        @Test
        void shouldFlagAStatusFrom1970() {
            byte[] payload = with(STATUS, "/ts", "\"1970-01-01T00:00:01Z\"");

            Ingested ingested = mapping.map(STATUS_TOPIC, payload, RECEIVED_AT);

            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.DEVICE_STATUS);
                assertThat(clockSkew(record)).isEqualTo("true");
            });
        }
    }

    @Nested
    class BadPayloads {

        static Stream<Arguments> badPayloads() {
            String sample = text(SAMPLE);
            return Stream.of(
                    argumentSet("not JSON", TELEMETRY, utf8("ONLINE"), Kind.TELEMETRY, RejectReason.NOT_JSON, null),
                    argumentSet(
                            "truncated JSON",
                            TELEMETRY,
                            utf8(sample.substring(0, sample.length() / 2)),
                            Kind.TELEMETRY,
                            RejectReason.NOT_JSON,
                            null),
                    argumentSet(
                            "trailing garbage",
                            EVENTS,
                            utf8(text(EVENT) + "}"),
                            Kind.EVENTS,
                            RejectReason.NOT_JSON,
                            null),
                    argumentSet(
                            "invalid UTF-8",
                            STATUS_TOPIC,
                            new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                            Kind.STATUS,
                            RejectReason.NOT_JSON,
                            null),
                    argumentSet("too deep", TELEMETRY, nested(40), Kind.TELEMETRY, RejectReason.TOO_DEEP, null),
                    argumentSet(
                            "a string where a number belongs",
                            TELEMETRY,
                            with(SAMPLE, "/intensity", "\"2\""),
                            Kind.TELEMETRY,
                            RejectReason.WRONG_TYPE,
                            "/intensity"),
                    argumentSet(
                            "a number where an object belongs",
                            TELEMETRY,
                            with(SAMPLE, "/pressure", "42"),
                            Kind.TELEMETRY,
                            RejectReason.WRONG_TYPE,
                            "/pressure"),
                    argumentSet(
                            "an array where a document belongs",
                            EVENTS,
                            utf8("[" + text(EVENT) + "]"),
                            Kind.EVENTS,
                            RejectReason.WRONG_TYPE,
                            ""),
                    argumentSet(
                            "a sample without pressure",
                            TELEMETRY,
                            without(SAMPLE, "/pressure"),
                            Kind.TELEMETRY,
                            RejectReason.MISSING_FIELD,
                            "/pressure"),
                    argumentSet(
                            "a sample with a null battery",
                            TELEMETRY,
                            with(SAMPLE, "/battery", "null"),
                            Kind.TELEMETRY,
                            RejectReason.WRONG_TYPE,
                            "/battery"),
                    argumentSet(
                            "a session start without mode",
                            EVENTS,
                            without(EVENT, "/mode"),
                            Kind.EVENTS,
                            RejectReason.MISSING_FIELD,
                            "/mode"),
                    argumentSet(
                            "a status without state",
                            STATUS_TOPIC,
                            without(STATUS, "/state"),
                            Kind.STATUS,
                            RejectReason.MISSING_FIELD,
                            "/state"),
                    argumentSet(
                            "an unknown event type",
                            EVENTS,
                            with(EVENT, "/type", "\"SESSION_EXPLODED\""),
                            Kind.EVENTS,
                            RejectReason.UNKNOWN_ENUM_VALUE,
                            "/type"),
                    argumentSet(
                            "an unknown mode",
                            TELEMETRY,
                            with(SAMPLE, "/mode", "\"TURBO\""),
                            Kind.TELEMETRY,
                            RejectReason.UNKNOWN_ENUM_VALUE,
                            "/mode"),
                    argumentSet(
                            "an unknown state",
                            STATUS_TOPIC,
                            with(STATUS, "/state", "\"SLEEPING\""),
                            Kind.STATUS,
                            RejectReason.UNKNOWN_ENUM_VALUE,
                            "/state"),
                    argumentSet(
                            "a pressure over 250 mmHg",
                            TELEMETRY,
                            with(SAMPLE, "/pressure/calf", "251"),
                            Kind.TELEMETRY,
                            RejectReason.OUT_OF_RANGE,
                            "/pressure/calf"),
                    argumentSet(
                            "a negative pressure",
                            TELEMETRY,
                            with(SAMPLE, "/pressure/foot", "-1"),
                            Kind.TELEMETRY,
                            RejectReason.OUT_OF_RANGE,
                            "/pressure/foot"),
                    argumentSet(
                            "a battery over 100 %",
                            TELEMETRY,
                            with(SAMPLE, "/battery", "101"),
                            Kind.TELEMETRY,
                            RejectReason.OUT_OF_RANGE,
                            "/battery"),
                    argumentSet(
                            "an intensity of 4",
                            EVENTS,
                            with(EVENT, "/intensity", "4"),
                            Kind.EVENTS,
                            RejectReason.OUT_OF_RANGE,
                            "/intensity"),
                    argumentSet(
                            "a timer of 12 minutes",
                            EVENTS,
                            with(EVENT, "/timerMin", "12"),
                            Kind.EVENTS,
                            RejectReason.OUT_OF_RANGE,
                            "/timerMin"),
                    argumentSet(
                            "a number beyond 64 bits",
                            TELEMETRY,
                            with(SAMPLE, "/seq", "123456789012345678901234567890"),
                            Kind.TELEMETRY,
                            RejectReason.OUT_OF_RANGE,
                            "/seq"),
                    argumentSet(
                            "a timestamp that is not RFC 3339",
                            TELEMETRY,
                            with(SAMPLE, "/ts", "\"yesterday\""),
                            Kind.TELEMETRY,
                            RejectReason.INVALID_FORMAT,
                            "/ts"),
                    argumentSet(
                            "version 2",
                            STATUS_TOPIC,
                            with(STATUS, "/v", "2"),
                            Kind.STATUS,
                            RejectReason.UNSUPPORTED_VERSION,
                            "/v"),
                    argumentSet(
                            "a bad sample inside a batch",
                            TELEMETRY,
                            with(BATCH, "/samples/2/pressure/thigh", "300"),
                            Kind.TELEMETRY,
                            RejectReason.OUT_OF_RANGE,
                            "/samples/2/pressure/thigh"),
                    argumentSet(
                            "an empty batch",
                            TELEMETRY,
                            utf8("{\"v\":1,\"samples\":[]}"),
                            Kind.TELEMETRY,
                            RejectReason.OUT_OF_RANGE,
                            "/samples"),
                    argumentSet(
                            "a batch of 501 samples",
                            TELEMETRY,
                            batchOf(501),
                            Kind.TELEMETRY,
                            RejectReason.TOO_MANY_ITEMS,
                            "/samples"),
                    argumentSet("only whitespace", EVENTS, utf8(" \n\t "), Kind.EVENTS, RejectReason.EMPTY, null),
                    argumentSet("no bytes", STATUS_TOPIC, new byte[0], Kind.STATUS, RejectReason.EMPTY, null));
        }

        @ParameterizedTest
        @MethodSource("badPayloads")
        void shouldDeadLetterABadPayloadWithItsReason(
                String topic, byte[] payload, Kind kind, RejectReason reason, String field) {
            Ingested ingested = mapping.map(topic, payload, RECEIVED_AT);

            RejectedMessage rejected = assertDeadLetter(ingested, topic, payload, reason, DEVICE);
            assertThat(ingested.kind()).isEqualTo(kind);
            assertThat(rejected.field()).isEqualTo(field);
        }

        @Test
        void shouldSayWhenTheJsonWasCutShort() {
            String sample = text(SAMPLE);
            byte[] payload = utf8(sample.substring(0, sample.length() - 3));

            RejectedMessage rejected = assertDeadLetter(
                    mapping.map(TELEMETRY, payload, RECEIVED_AT), TELEMETRY, payload, RejectReason.NOT_JSON, DEVICE);

            assertThat(rejected.detail()).startsWith("truncated JSON");
        }

        @Test
        void shouldDeadLetterAMissingPayloadAsEmpty() {
            Ingested ingested = mapping.map(TELEMETRY, null, RECEIVED_AT);

            RejectedMessage rejected = assertDeadLetter(ingested, TELEMETRY, new byte[0], RejectReason.EMPTY, DEVICE);
            assertThat(rejected.originalSize()).isZero();
        }

        @Test
        void shouldKeepOnlyTheFirstBytesOfAPayloadOverTheSizeCap() {
            int cap = CodecLimits.DEFAULTS.maxPayloadBytes();
            assertThat(CODEC.limits().maxPayloadBytes()).isEqualTo(cap);
            byte[] payload = new byte[cap + 1];
            Arrays.fill(payload, (byte) ' ');
            byte[] sample = bytes(SAMPLE);
            System.arraycopy(sample, 0, payload, 0, sample.length);

            Ingested ingested = mapping.map(TELEMETRY, payload, RECEIVED_AT);

            assertThat(ingested.kind()).isEqualTo(Kind.TELEMETRY);
            assertThat(ingested.rejection()).contains(RejectReason.TOO_LARGE);
            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.INGEST_REJECTED);
                assertThat(record.key()).isEqualTo(DEVICE);
                RejectedMessage rejected = CODEC.decode(record.value(), RejectedMessage.class);
                assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_LARGE);
                assertThat(rejected.mqttTopic()).isEqualTo(TELEMETRY);
                assertThat(rejected.receivedAt()).isEqualTo(RECEIVED_AT);
                assertThat(rejected.payload())
                        .isEqualTo(Arrays.copyOf(payload, RejectedMessage.MAX_KEPT_PAYLOAD_BYTES));
                assertThat(rejected.truncated()).isTrue();
                assertThat(rejected.originalSize()).isEqualTo(cap + 1);
                assertThat(record.value().length)
                        .as("the dead letter stays far below the cap it reports")
                        .isLessThan(cap / 4);
            });
        }

        @Test
        void shouldKeepTheBytesAsReceivedNotAsNormalised() {
            byte[] payload = with(SAMPLE, "/mode", "\"turbo\"");

            RejectedMessage rejected = assertDeadLetter(
                    mapping.map(TELEMETRY, payload, RECEIVED_AT),
                    TELEMETRY,
                    payload,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    DEVICE);

            assertThat(new String(rejected.payload(), UTF_8)).contains("\"turbo\"");
        }

        @Test
        void shouldCarryTheIngestHeadersButNoClockSkewFlag() {
            ProducerRecord<String, byte[]> record = mapping.map(TELEMETRY, utf8("ONLINE"), RECEIVED_AT)
                    .records()
                    .get(0);

            assertThat(header(record, IngestHeaders.MQTT_TOPIC)).isEqualTo(TELEMETRY);
            assertThat(header(record, IngestHeaders.RECEIVED_AT)).isEqualTo("2026-11-21T21:14:03.311Z");
            assertThat(header(record, IngestHeaders.GATEWAY_INSTANCE)).isEqualTo(GATEWAY);
            assertThat(headerNames(record))
                    .containsExactlyInAnyOrder(
                            IngestHeaders.MQTT_TOPIC, IngestHeaders.RECEIVED_AT, IngestHeaders.GATEWAY_INSTANCE);
        }
    }

    @Nested
    class TopicMismatch {

        static Stream<Arguments> validPayloadsOnTheWrongTopic() {
            return Stream.of(
                    argumentSet("an event on a telemetry topic", TELEMETRY, bytes(EVENT), Kind.TELEMETRY),
                    argumentSet("a status on a telemetry topic", TELEMETRY, bytes(STATUS), Kind.TELEMETRY),
                    argumentSet("a sample on an events topic", EVENTS, bytes(SAMPLE), Kind.EVENTS),
                    argumentSet("a batch on an events topic", EVENTS, bytes(BATCH), Kind.EVENTS),
                    argumentSet("a status on an events topic", EVENTS, bytes(STATUS), Kind.EVENTS),
                    argumentSet("a sample on a status topic", STATUS_TOPIC, bytes(SAMPLE), Kind.STATUS),
                    argumentSet("an event on a status topic", STATUS_TOPIC, bytes(EVENT), Kind.STATUS));
        }

        @ParameterizedTest
        @MethodSource("validPayloadsOnTheWrongTopic")
        void shouldDeadLetterAValidPayloadOnTheWrongTopicAsAMismatch(String topic, byte[] payload, Kind kind) {
            Ingested ingested = mapping.map(topic, payload, RECEIVED_AT);

            RejectedMessage rejected = assertDeadLetter(ingested, topic, payload, RejectReason.TOPIC_MISMATCH, DEVICE);
            assertThat(ingested.kind()).isEqualTo(kind);
            assertThat(rejected.field()).isNull();
        }

        @Test
        void shouldNameBothKindsInTheDetail() {
            RejectedMessage rejected = assertDeadLetter(
                    mapping.map(TELEMETRY, bytes(EVENT), RECEIVED_AT),
                    TELEMETRY,
                    bytes(EVENT),
                    RejectReason.TOPIC_MISMATCH,
                    DEVICE);

            assertThat(rejected.detail()).contains("events").contains("telemetry");
        }

        @Test
        void shouldKeepTheOwnReasonOfAPayloadThatIsValidAsNoKind() {
            byte[] brokenEvent = with(EVENT, "/intensity", "9");

            RejectedMessage rejected = assertDeadLetter(
                    mapping.map(TELEMETRY, brokenEvent, RECEIVED_AT),
                    TELEMETRY,
                    brokenEvent,
                    RejectReason.MISSING_FIELD,
                    DEVICE);

            assertThat(rejected.field())
                    .as("the first telemetry rule it breaks")
                    .isEqualTo("/battery");
        }
    }

    @Nested
    class Topics {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "massagers/m-0001/firmware",
                    "massagers/m-0001/telemetry/extra",
                    "massagers/m-0001/sub/telemetry",
                    "massagers/m-0001",
                    "other/x",
                    "massagers",
                    "telemetry"
                })
        void shouldDeadLetterATopicOfUnknownLayout(String topic) {
            byte[] payload = bytes(SAMPLE);

            Ingested ingested = mapping.map(topic, payload, RECEIVED_AT);

            assertThat(ingested.kind()).isNull();
            assertThat(ingested.rejection()).contains(RejectReason.UNKNOWN_TOPIC);
            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.INGEST_REJECTED);
                RejectedMessage rejected = CODEC.decode(record.value(), RejectedMessage.class);
                assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_TOPIC);
                assertThat(rejected.mqttTopic()).isEqualTo(topic);
                assertThat(rejected.receivedAt()).isEqualTo(RECEIVED_AT);
                assertThat(rejected.payload()).isEqualTo(payload);
                assertThat(rejected.field()).isNull();
                assertThat(record.key()).isEqualTo(rejected.deviceId());
                assertThat(header(record, IngestHeaders.MQTT_TOPIC)).isEqualTo(topic);
            });
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "massagers/m-0001/firmware",
                    "massagers/m-0001/telemetry/extra",
                    "massagers/m-0001/sub/telemetry"
                })
        void shouldKeyAnUnknownLayoutByTheDeviceItNames(String topic) {
            assertDeadLetter(
                    mapping.map(topic, bytes(SAMPLE), RECEIVED_AT),
                    topic,
                    bytes(SAMPLE),
                    RejectReason.UNKNOWN_TOPIC,
                    "m-0001");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "other/x",
                    "massagers",
                    "telemetry",
                    "other/m_0042/telemetry",
                    "elsewhere/telemetry",
                    "$share/device-gateway/massagers/m-0042/telemetry"
                })
        void shouldKeyAnUnknownLayoutThatNamesNoDeviceAsUnknown(String topic) {
            assertDeadLetter(
                    mapping.map(topic, bytes(SAMPLE), RECEIVED_AT),
                    topic,
                    bytes(SAMPLE),
                    RejectReason.UNKNOWN_TOPIC,
                    RejectedMessage.UNKNOWN_DEVICE);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "massagers/m_0042/telemetry",
                    "massagers/m 0042/events",
                    "massagers/abc/status",
                    "massagers/-abc/telemetry",
                    "massagers/+/telemetry",
                    "massagers//telemetry",
                    "massagers/m-0042é/telemetry",
                    "massagers/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefX/events"
                })
        void shouldDeadLetterAnInvalidDeviceIdUnderTheUnknownKey(String topic) {
            byte[] payload = bytes(SAMPLE);

            Ingested ingested = mapping.map(topic, payload, RECEIVED_AT);

            assertDeadLetter(ingested, topic, payload, RejectReason.INVALID_DEVICE_ID, RejectedMessage.UNKNOWN_DEVICE);
            assertThat(ingested.kind()).isNull();
        }

        @Test
        void shouldReportTheTopicBeforeThePayload() {
            byte[] payload = utf8("not json at all");

            assertDeadLetter(
                    mapping.map("massagers/m-0042/firmware", payload, RECEIVED_AT),
                    "massagers/m-0042/firmware",
                    payload,
                    RejectReason.UNKNOWN_TOPIC,
                    "m-0042");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void shouldDeadLetterAMissingTopic(String topic) {
            byte[] payload = bytes(SAMPLE);

            Ingested ingested = mapping.map(topic, payload, RECEIVED_AT);

            assertThat(ingested.kind()).isNull();
            assertThat(ingested.rejection()).contains(RejectReason.UNKNOWN_TOPIC);
            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
                RejectedMessage rejected = CODEC.decode(record.value(), RejectedMessage.class);
                assertThat(rejected.mqttTopic()).isEqualTo("(none)");
                assertThat(rejected.payload()).isEqualTo(payload);
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"massagers/#/telemetry", "massagers/#", "other/#/telemetry", "other/#", "#"})
        void shouldBoundAHugeTopic(String layout) {
            String topic = layout.replace("#", "x".repeat(10_000));

            Ingested ingested = mapping.map(topic, bytes(SAMPLE), RECEIVED_AT);

            assertThat(ingested.records()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.INGEST_REJECTED);
                assertThat(record.key()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
                RejectedMessage rejected = CODEC.decode(record.value(), RejectedMessage.class);
                assertThat(rejected.mqttTopic()).hasSize(RejectedMessage.MAX_TOPIC_LENGTH);
                assertThat(topic).startsWith(rejected.mqttTopic());
                assertThat(header(record, IngestHeaders.MQTT_TOPIC)).hasSize(RejectedMessage.MAX_TOPIC_LENGTH);
            });
        }
    }

    @Nested
    class Construction {

        @Test
        void shouldRequireCodecBoundsAndInstance() {
            assertThatNullPointerException().isThrownBy(() -> new IngestMapping(null, BOUNDS, GATEWAY));
            assertThatNullPointerException().isThrownBy(() -> new IngestMapping(CODEC, null, GATEWAY));
            assertThatNullPointerException().isThrownBy(() -> new IngestMapping(CODEC, BOUNDS, null));
        }
    }
}
