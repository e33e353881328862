package dev.massager.common.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectedMessageTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-21T21:14:03.311Z");

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
}
