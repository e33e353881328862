package dev.massager.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.massager.common.RejectReason;
import dev.massager.common.topic.MqttTopic.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MqttTopicTest {

    @Nested
    class Parsing {

        @ParameterizedTest
        @CsvSource({
            "massagers/m-0042/telemetry, m-0042, TELEMETRY",
            "massagers/m-0042/events, m-0042, EVENTS",
            "massagers/m-0042/status, m-0042, STATUS",
            "massagers/ABCD/status, ABCD, STATUS",
            "massagers/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/events,"
                    + " 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, EVENTS"
        })
        void shouldReadTheDeviceIdAndKind(String topic, String deviceId, Kind kind) {
            MqttTopic parsed = MqttTopic.parse(topic);

            assertThat(parsed.deviceId()).isEqualTo(deviceId);
            assertThat(parsed.kind()).isEqualTo(kind);
            assertThat(parsed.topic()).isEqualTo(topic);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "massagers/abc/telemetry",
                    "massagers/-abc/telemetry",
                    "massagers/m_0042/telemetry",
                    "massagers/m 0042/telemetry",
                    "massagers/+/telemetry",
                    "massagers/#/telemetry",
                    "massagers//telemetry",
                    "massagers/m-0042é/telemetry",
                    "massagers/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefX/events"
                })
        void shouldRejectAnInvalidDeviceId(String topic) {
            assertThatExceptionOfType(InvalidTopicException.class)
                    .isThrownBy(() -> MqttTopic.parse(topic))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.INVALID_DEVICE_ID);
                        assertThat(e.detail()).contains("device id must match");
                    });
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "massagers/m-0042",
                    "massagers/m-0042/",
                    "massagers/m-0042/config",
                    "massagers/m-0042/Telemetry",
                    "massagers/m-0042/telemetry/extra",
                    "massagers/m-0042/sub/telemetry",
                    "massager/m-0042/telemetry",
                    "/massagers/m-0042/telemetry",
                    "$share/device-gateway/massagers/m-0042/telemetry",
                    "massagers",
                    "telemetry",
                    "/"
                })
        void shouldRejectAnUnknownLayout(String topic) {
            assertThatExceptionOfType(InvalidTopicException.class)
                    .isThrownBy(() -> MqttTopic.parse(topic))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_TOPIC));
        }

        @ParameterizedTest
        @NullAndEmptySource
        void shouldRejectAMissingTopic(String topic) {
            assertThatExceptionOfType(InvalidTopicException.class)
                    .isThrownBy(() -> MqttTopic.parse(topic))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_TOPIC));
        }

        @Test
        void shouldNotEchoAHugeTopicInTheDetail() {
            String topic = "massagers/" + "x".repeat(10_000) + "/telemetry";

            assertThatExceptionOfType(InvalidTopicException.class)
                    .isThrownBy(() -> MqttTopic.parse(topic))
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        }

        @Test
        void shouldNotSplitACharacterWhenEchoingALongDeviceId() {
            String deviceId = "x".repeat(79) + "\uD83D\uDE00";

            assertThatExceptionOfType(InvalidTopicException.class)
                    .isThrownBy(() -> MqttTopic.parse("massagers/" + deviceId + "/telemetry"))
                    .satisfies(e -> assertThat(e.detail()).endsWith("'" + "x".repeat(79) + "…'"));
        }
    }

    @Nested
    class Building {

        @Test
        void shouldWriteTheTopicOfADevice() {
            assertThat(MqttTopic.of("m-0042", Kind.EVENTS)).hasToString("massagers/m-0042/events");
        }

        @Test
        void shouldRefuseToBuildATopicForAnInvalidDeviceId() {
            assertThatExceptionOfType(InvalidTopicException.class)
                    .isThrownBy(() -> MqttTopic.of("a/b", Kind.STATUS))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectReason.INVALID_DEVICE_ID));
        }

        @Test
        void shouldOfferASubscriptionFilterPerKind() {
            assertThat(Kind.TELEMETRY.filter()).isEqualTo("massagers/+/telemetry");
            assertThat(Kind.EVENTS.filter()).isEqualTo("massagers/+/events");
            assertThat(Kind.STATUS.filter()).isEqualTo("massagers/+/status");
        }

        @ParameterizedTest
        @CsvSource({"m-0042, true", "abcd, true", "abc, false", "-abcd, false", "abcd-, true", "ab.cd, false"})
        void shouldTellValidDeviceIds(String deviceId, boolean valid) {
            assertThat(MqttTopic.isValidDeviceId(deviceId)).isEqualTo(valid);
        }
    }
}
