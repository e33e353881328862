package dev.massager.common.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.codec.PayloadCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RejectedMessageTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-21T21:14:03.311Z");

    /** One character over the longest device id. */
    private static final String ID_OF_65 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + "0";

    /** A character outside the Basic Multilingual Plane: two chars in a Java string, four bytes in UTF-8. */
    private static final String EMOJI = "\uD83D\uDE00";

    private static void assertWholeCodePoints(String text) {
        assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .as("survives UTF-8 unchanged")
                .isEqualTo(text);
    }

    @Test
    void shouldKeepASmallPayloadWhole() {
        byte[] raw = {1, 2, 3};

        RejectedMessage rejected = RejectedMessage.of(
                "m-0042", "massagers/m-0042/events", RejectReason.NOT_JSON, "bad", null, RECEIVED, raw);

        assertThat(rejected.payload()).containsExactly(1, 2, 3);
        assertThat(rejected.truncated()).isFalse();
        assertThat(rejected.originalSize()).isEqualTo(3);
    }

    @Test
    void shouldKeepOnlyTheFirstBytesOfALargePayload() {
        byte[] raw = new byte[70_000];
        raw[0] = 42;

        RejectedMessage rejected = RejectedMessage.of(
                "m-0042", "massagers/m-0042/telemetry", RejectReason.TOO_LARGE, "big", null, RECEIVED, raw);

        assertThat(rejected.payload())
                .hasSize(RejectedMessage.MAX_KEPT_PAYLOAD_BYTES)
                .startsWith(42);
        assertThat(rejected.truncated()).isTrue();
        assertThat(rejected.originalSize()).isEqualTo(70_000);
    }

    @Test
    void shouldUseUnknownWhenThereIsNoDeviceId() {
        RejectedMessage rejected =
                RejectedMessage.of(null, "junk", RejectReason.UNKNOWN_TOPIC, "layout", null, RECEIVED, null);

        assertThat(rejected.deviceId()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
        assertThat(rejected.payload()).isEmpty();
    }

    @Test
    void shouldCutAHugeTopicDetailAndField() {
        RejectedMessage rejected = RejectedMessage.of(
                null,
                "t".repeat(5_000),
                RejectReason.UNKNOWN_TOPIC,
                "d".repeat(5_000),
                "/" + "f".repeat(5_000),
                RECEIVED,
                null);

        assertThat(rejected.mqttTopic()).hasSize(RejectedMessage.MAX_TOPIC_LENGTH);
        assertThat(rejected.detail()).hasSize(RejectedMessage.MAX_DETAIL_LENGTH);
        assertThat(rejected.field()).hasSize(RejectedMessage.MAX_FIELD_LENGTH);
    }

    @Test
    void shouldCompareThePayloadByContentAndNotLeakIt() {
        byte[] raw = {7, 8};
        RejectedMessage one = RejectedMessage.of("m-0042", "t", RejectReason.EMPTY, "d", null, RECEIVED, raw);
        RejectedMessage two = RejectedMessage.of("m-0042", "t", RejectReason.EMPTY, "d", null, RECEIVED, raw.clone());

        raw[0] = 0;
        one.payload()[1] = 0;

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one.payload()).containsExactly(7, 8);
        assertThat(one.toString()).contains("payload=2 bytes");
    }

    @Test
    void shouldRefuseAnInconsistentTruncationFlag() {
        assertThatExceptionOfType(PayloadException.class)
                .isThrownBy(() -> new RejectedMessage(
                        "m-0042", "t", RejectReason.EMPTY, "d", null, RECEIVED, new byte[2], true, 2))
                .satisfies(e -> assertThat(e.field()).hasValue("/truncated"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad", ID_OF_65, "abc", "m_0042", "m-0042/events"})
    void shouldKeyAMalformedDeviceIdAsUnknownAndKeepItInTheTopic(String deviceId) {
        String topic = "massagers/" + deviceId + "/events";

        RejectedMessage rejected = RejectedMessage.of(
                deviceId, topic, RejectReason.INVALID_DEVICE_ID, "bad id", null, RECEIVED, new byte[] {1});

        assertThat(rejected.deviceId()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
        assertThat(rejected.mqttTopic()).isEqualTo(topic);
        assertThat(rejected.detail()).isEqualTo("bad id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad", ID_OF_65})
    void shouldQuoteAMalformedDeviceIdInTheDetailWhenTheTopicDoesNotShowIt(String deviceId) {
        RejectedMessage rejected = RejectedMessage.of(
                deviceId, "massagers/+/events", RejectReason.INVALID_DEVICE_ID, "bad id", null, RECEIVED, null);

        assertThat(rejected.deviceId()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
        assertThat(rejected.detail()).startsWith("bad id").contains("'" + deviceId + "'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void shouldUseUnknownForANullOrBlankDeviceId(String deviceId) {
        RejectedMessage rejected = RejectedMessage.of(
                deviceId, "massagers//events", RejectReason.UNKNOWN_TOPIC, "layout", null, RECEIVED, null);

        assertThat(rejected.deviceId()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
        assertThat(rejected.detail()).isEqualTo("layout");
    }

    @Test
    void shouldNotFailOnAHugeDeviceIdAndKeepTheExplanation() {
        String huge = "x".repeat(10_000);

        RejectedMessage rejected =
                RejectedMessage.of(huge, null, RejectReason.INVALID_DEVICE_ID, "bad id", null, RECEIVED, null);

        assertThat(rejected.deviceId()).isEqualTo(RejectedMessage.UNKNOWN_DEVICE);
        assertThat(rejected.mqttTopic()).isEqualTo("(none)");
        assertThat(rejected.detail()).startsWith("bad id (device id 'xxx").hasSize(RejectedMessage.MAX_DETAIL_LENGTH);
    }

    @Test
    void shouldKeepAValidDeviceId() {
        RejectedMessage rejected = RejectedMessage.of(
                "m-0042", "massagers/m-0042/events", RejectReason.NOT_JSON, "bad", null, RECEIVED, null);

        assertThat(rejected.deviceId()).isEqualTo("m-0042");
        assertThat(rejected.detail()).isEqualTo("bad");
    }

    @Test
    void shouldRefuseAMalformedDeviceIdInTheRecordItself() {
        assertThatExceptionOfType(PayloadException.class)
                .isThrownBy(() -> new RejectedMessage(
                        "-bad", "t", RejectReason.EMPTY, "d", null, RECEIVED, new byte[0], false, 0))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.INVALID_FORMAT);
                    assertThat(e.field()).hasValue("/deviceId");
                });
    }

    @Test
    void shouldNotSplitACharacterWhereTheDetailTopicAndFieldAreCut() {
        String detail = "d".repeat(RejectedMessage.MAX_DETAIL_LENGTH - 1) + EMOJI + "tail";
        String topic = "t".repeat(RejectedMessage.MAX_TOPIC_LENGTH - 1) + EMOJI;
        String field = "/" + "f".repeat(RejectedMessage.MAX_FIELD_LENGTH - 2) + EMOJI;

        RejectedMessage rejected =
                RejectedMessage.of("m-0042", topic, RejectReason.NOT_JSON, detail, field, RECEIVED, null);

        assertThat(rejected.detail()).isEqualTo("d".repeat(RejectedMessage.MAX_DETAIL_LENGTH - 1));
        assertThat(rejected.mqttTopic()).isEqualTo("t".repeat(RejectedMessage.MAX_TOPIC_LENGTH - 1));
        assertThat(rejected.field()).isEqualTo("/" + "f".repeat(RejectedMessage.MAX_FIELD_LENGTH - 2));
        assertWholeCodePoints(rejected.detail());
        assertWholeCodePoints(rejected.mqttTopic());
        assertWholeCodePoints(rejected.field());
        PayloadCodec codec = new PayloadCodec();
        assertThat(codec.decode(codec.encode(rejected), RejectedMessage.class)).isEqualTo(rejected);
    }

    @Test
    void shouldKeepACharacterThatEndsExactlyAtTheCut() {
        String detail = "d".repeat(RejectedMessage.MAX_DETAIL_LENGTH - 2) + EMOJI + "tail";

        RejectedMessage rejected =
                RejectedMessage.of("m-0042", "t", RejectReason.NOT_JSON, detail, null, RECEIVED, null);

        assertThat(rejected.detail()).hasSize(RejectedMessage.MAX_DETAIL_LENGTH).endsWith(EMOJI);
    }
}
