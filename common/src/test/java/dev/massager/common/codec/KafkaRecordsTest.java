package dev.massager.common.codec;

import static dev.massager.common.codec.Fixtures.CRAMP_NIGHT;
import static dev.massager.common.codec.Fixtures.REJECTED_MESSAGE;
import static dev.massager.common.codec.Fixtures.SESSION_SUMMARY;
import static dev.massager.common.codec.Fixtures.USER_ERASURE;
import static dev.massager.common.codec.Fixtures.with;
import static dev.massager.common.codec.Fixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceEventType;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Fault;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.ingest.RejectedMessage;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.session.SessionSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class KafkaRecordsTest {

    private static final PayloadCodec CODEC = new PayloadCodec();

    private static void assertRefused(byte[] payload, Class<?> type, RejectReason reason, String field) {
        assertThatExceptionOfType(PayloadException.class)
                .isThrownBy(() -> CODEC.decode(payload, type))
                .satisfies(e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(Optional.ofNullable(field));
                });
    }

    @Nested
    class SessionSummaries {

        @ParameterizedTest
        @ValueSource(
                strings = {"/sessionId", "/revision", "/userId", "/status", "/startedAt", "/timeZone", "/pressure"})
        void shouldRejectAMissingField(String field) {
            assertRefused(without(SESSION_SUMMARY, field), SessionSummary.class, RejectReason.MISSING_FIELD, field);
        }

        @Test
        void shouldRejectAMissingNestedField() {
            assertRefused(
                    without(SESSION_SUMMARY, "/pressure/calf/max"),
                    SessionSummary.class,
                    RejectReason.MISSING_FIELD,
                    "/pressure/calf/max");
        }

        @Test
        void shouldRejectAMeanPressureAboveRange() {
            assertRefused(
                    with(SESSION_SUMMARY, "/pressure/thigh/mean", "250.5"),
                    SessionSummary.class,
                    RejectReason.OUT_OF_RANGE,
                    "/pressure/thigh/mean");
        }

        @Test
        void shouldRejectARevisionBelowOne() {
            assertRefused(
                    with(SESSION_SUMMARY, "/revision", "0"),
                    SessionSummary.class,
                    RejectReason.OUT_OF_RANGE,
                    "/revision");
        }

        @Test
        void shouldRejectAnEndReasonOnASessionThatDidNotEnd() {
            byte[] payload = with(SESSION_SUMMARY, "/status", "\"INCOMPLETE\"");

            assertRefused(payload, SessionSummary.class, RejectReason.OUT_OF_RANGE, "/endReason");
        }

        @Test
        void shouldRejectAnEndedSessionWithoutEndReason() {
            assertRefused(
                    without(SESSION_SUMMARY, "/endReason"),
                    SessionSummary.class,
                    RejectReason.MISSING_FIELD,
                    "/endReason");
        }

        @Test
        void shouldRejectAnUnknownModeKey() {
            assertRefused(
                    with(SESSION_SUMMARY, "/secondsByMode/TURBO", "5"),
                    SessionSummary.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/secondsByMode/TURBO");
        }

        @Test
        void shouldRejectAnIntensityOutOfRange() {
            assertRefused(
                    with(SESSION_SUMMARY, "/intensities/1", "4"),
                    SessionSummary.class,
                    RejectReason.OUT_OF_RANGE,
                    "/intensities");
        }

        @Test
        void shouldRejectAnUnknownTimeZone() {
            assertRefused(
                    with(SESSION_SUMMARY, "/timeZone", "\"Mars/Olympus_Mons\""),
                    SessionSummary.class,
                    RejectReason.INVALID_FORMAT,
                    "/timeZone");
        }

        @Test
        void shouldRejectAStringWhereANumberBelongs() {
            assertRefused(
                    with(SESSION_SUMMARY, "/durationSeconds", "\"900\""),
                    SessionSummary.class,
                    RejectReason.WRONG_TYPE,
                    "/durationSeconds");
        }

        @Test
        void shouldRejectABadUuid() {
            assertRefused(
                    with(SESSION_SUMMARY, "/sessionId", "\"not-a-uuid\""),
                    SessionSummary.class,
                    RejectReason.INVALID_FORMAT,
                    "/sessionId");
        }

        @Test
        void shouldKeepTheDurationPerMode() {
            SessionSummary summary = CODEC.decode(Fixtures.bytes(SESSION_SUMMARY), SessionSummary.class);

            assertThat(summary.secondsIn(Mode.WAVE)).isEqualTo(780);
            assertThat(summary.secondsIn(Mode.FULL)).isZero();
            assertThat(summary.intensities()).containsExactly(2, 3);
            assertThat(summary.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        }

        @Test
        void shouldIgnoreUnknownFields() {
            byte[] payload = with(SESSION_SUMMARY, "/addedInV2", "{\"x\":[1,2]}");

            assertThat(CODEC.decode(payload, SessionSummary.class))
                    .isEqualTo(CODEC.decode(Fixtures.bytes(SESSION_SUMMARY), SessionSummary.class));
        }
    }

    @Nested
    class CrampNights {

        @ParameterizedTest
        @CsvSource({"/cramps, -1", "/cramps, 100", "/severity, -1", "/severity, 11"})
        void shouldRejectAValueOutOfRange(String field, String value) {
            assertRefused(with(CRAMP_NIGHT, field, value), CrampNight.class, RejectReason.OUT_OF_RANGE, field);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"/eventId", "/userId", "/night", "/cramps", "/severity", "/wokeUp", "/deleted", "/muscles"})
        void shouldRejectAMissingField(String field) {
            assertRefused(without(CRAMP_NIGHT, field), CrampNight.class, RejectReason.MISSING_FIELD, field);
        }

        @Test
        void shouldRejectAnUnknownMuscle() {
            assertRefused(
                    with(CRAMP_NIGHT, "/muscles/1", "\"KNEE_LEFT\""),
                    CrampNight.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/muscles/1");
        }

        @Test
        void shouldRejectSeverityOnANightWithoutCramps() {
            byte[] payload = with(with(with(CRAMP_NIGHT, "/cramps", "0"), "/muscles", "[]"), "/wokeUp", "false");

            assertRefused(payload, CrampNight.class, RejectReason.OUT_OF_RANGE, "/severity");
        }

        @Test
        void shouldRejectANoteOver1000Characters() {
            assertRefused(
                    with(CRAMP_NIGHT, "/note", "\"" + "n".repeat(1001) + "\""),
                    CrampNight.class,
                    RejectReason.OUT_OF_RANGE,
                    "/note");
        }

        @Test
        void shouldRejectABadNightDate() {
            assertRefused(
                    with(CRAMP_NIGHT, "/night", "\"2026-02-30\""),
                    CrampNight.class,
                    RejectReason.INVALID_FORMAT,
                    "/night");
        }

        @Test
        void shouldRejectANumberWhereABooleanBelongs() {
            assertRefused(with(CRAMP_NIGHT, "/wokeUp", "1"), CrampNight.class, RejectReason.WRONG_TYPE, "/wokeUp");
        }

        @Test
        void shouldTellAnExplicitNoCrampsNightFromADeletedOne() {
            CrampNight none = CODEC.decode(Fixtures.bytes("kafka/cramp-night-none.json"), CrampNight.class);
            CrampNight deleted = CODEC.decode(Fixtures.bytes("kafka/cramp-night-deleted.json"), CrampNight.class);

            assertThat(none.crampFree()).isTrue();
            assertThat(deleted.crampFree()).isFalse();
            assertThat(deleted)
                    .isEqualTo(CrampNight.deletion(
                            deleted.eventId(),
                            "user-17",
                            deleted.night(),
                            ZoneId.of("America/New_York"),
                            deleted.updatedAt()));
        }
    }

    @Nested
    class ErasuresAndRejections {

        @ParameterizedTest
        @ValueSource(strings = {"/eventId", "/userId", "/requestedAt"})
        void shouldRejectAnErasureWithAMissingField(String field) {
            assertRefused(without(USER_ERASURE, field), UserErasure.class, RejectReason.MISSING_FIELD, field);
        }

        @Test
        void shouldRejectAnErasureWithABlankUser() {
            assertRefused(
                    with(USER_ERASURE, "/userId", "\"\""), UserErasure.class, RejectReason.OUT_OF_RANGE, "/userId");
        }

        @Test
        void shouldCarryTheRawPayloadAsBase64() {
            RejectedMessage rejected = CODEC.decode(Fixtures.bytes(REJECTED_MESSAGE), RejectedMessage.class);

            assertThat(new String(rejected.payload(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"TURBO\"");
            assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_ENUM_VALUE);
        }

        @Test
        void shouldRejectARejectionWithAnUnknownReason() {
            assertRefused(
                    with(REJECTED_MESSAGE, "/reason", "\"BAD_VIBES\""),
                    RejectedMessage.class,
                    RejectReason.UNKNOWN_ENUM_VALUE,
                    "/reason");
        }

        @Test
        void shouldRejectARejectionWhosePayloadIsNotBase64() {
            assertRefused(
                    with(REJECTED_MESSAGE, "/payload", "\"***\""),
                    RejectedMessage.class,
                    RejectReason.INVALID_FORMAT,
                    "/payload");
        }

        @Test
        void shouldRejectARejectionThatLiesAboutTruncation() {
            assertRefused(
                    with(REJECTED_MESSAGE, "/truncated", "true"),
                    RejectedMessage.class,
                    RejectReason.OUT_OF_RANGE,
                    "/truncated");
        }
    }

    @Nested
    class Encoding {

        @ParameterizedTest
        @EnumSource(DeviceEventType.class)
        void shouldWriteTheEventTypeNameAsDiscriminator(DeviceEventType type) {
            DeviceEvent event = sampleEvent(type);

            JsonNode json = Fixtures.JSON.readTree(CODEC.encode(event));

            assertThat(json.get("type").asString()).isEqualTo(type.name());
            assertThat(json.get("v").asInt()).isEqualTo(1);
            assertThat(CODEC.decode(CODEC.encode(event), DeviceEvent.class)).isEqualTo(event);
            assertThat(event.type()).isEqualTo(type);
            assertThat(type.recordType()).isEqualTo(event.getClass());
        }

        @Test
        void shouldWriteTimestampsAsIsoStringsInUtc() {
            UserErasure erasure = new UserErasure(
                    java.util.UUID.fromString("7a9c1e3f-5b6d-4e80-9f1a-2b3c4d5e6f70"),
                    "u-1",
                    Instant.ofEpochMilli(1_000));

            JsonNode json = Fixtures.JSON.readTree(CODEC.encode(erasure));

            assertThat(json.get("requestedAt").isString()).isTrue();
            assertThat(json.get("requestedAt").asString()).isEqualTo("1970-01-01T00:00:01Z");
        }

        @Test
        void shouldKeepAUtcZoneIdAsWritten() {
            SessionSummary open = CODEC.decode(Fixtures.bytes("kafka/session-summary-open.json"), SessionSummary.class);

            assertThat(open.timeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(Fixtures.JSON
                            .readTree(CODEC.encode(open))
                            .get("timeZone")
                            .asString())
                    .isEqualTo("UTC");
        }

        @Test
        void shouldOmitAbsentOptionalFields() {
            Fault fault = new Fault(7, Instant.EPOCH, FaultCode.LEAK, null);

            assertThat(Fixtures.JSON.readTree(CODEC.encode(fault)).has("session"))
                    .isFalse();
        }

        @Test
        void shouldRefuseToEncodeATypeOutsideTheContract() {
            assertThatIllegalArgumentException().isThrownBy(() -> CODEC.encode(java.util.Map.of("a", 1)));
            assertThatIllegalArgumentException().isThrownBy(() -> CODEC.encode(null));
        }

        @Test
        void shouldRefuseToDecodeATypeOutsideTheContract() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CODEC.decode(Fixtures.bytes(USER_ERASURE), String.class))
                    .isNotInstanceOf(PayloadException.class);
        }

        private DeviceEvent sampleEvent(DeviceEventType type) {
            Instant ts = Instant.parse("2026-11-21T21:13:58.010Z");
            return switch (type) {
                case SESSION_STARTED -> new SessionStarted(1, ts, "s-1", Mode.FULL, 3, Heat.HIGH, 20, "2.3.1");
                case SETTINGS_CHANGED -> new SettingsChanged(2, ts, "s-1", Mode.SEQUENTIAL, null, null);
                case SESSION_ENDED -> new SessionEnded(3, ts, "s-1", EndReason.POWER_LOSS);
                case FAULT -> new Fault(4, ts, FaultCode.PUMP, "s-1");
            };
        }
    }
}
