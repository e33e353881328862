package dev.massager.common.codec;

import static dev.massager.common.codec.Fixtures.SAMPLE;
import static dev.massager.common.codec.Fixtures.SESSION_STARTED;
import static dev.massager.common.codec.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading what the codec wrote, as the consumers of the gateway's records do: no schema, the same records. */
class DecodeWithoutSchemaTest {

    private static final PayloadCodec CODEC = new PayloadCodec();

    static Iterable<Map.Entry<String, Class<?>>> fixtures() {
        return Fixtures.ALL.entrySet();
    }

    private static void assertRefused(byte[] payload, Class<?> type, RejectReason reason, String field) {
        assertThatExceptionOfType(PayloadException.class)
                .isThrownBy(() -> CODEC.decodeWithoutSchema(payload, type))
                .satisfies(e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(Optional.ofNullable(field));
                });
    }

    @Nested
    class WhatTheCodecWrote {

        @ParameterizedTest
        @MethodSource("dev.massager.common.codec.DecodeWithoutSchemaTest#fixtures")
        void shouldReadTheSameRecordAsTheFullDecode(Map.Entry<String, Class<?>> fixture) {
            Class<?> type = fixture.getValue();
            Object decoded = CODEC.decode(Fixtures.bytes(fixture.getKey()), type);

            assertThat(CODEC.decodeWithoutSchema(CODEC.encode(decoded), type)).isEqualTo(decoded);
        }

        @Test
        void shouldReadAnEventAsItsOwnType() {
            byte[] written = CODEC.encode(CODEC.decode(Fixtures.bytes(SESSION_STARTED), DeviceEvent.class));

            assertThat(CODEC.decodeWithoutSchema(written, DeviceEvent.class))
                    .isEqualTo(CODEC.decode(written, DeviceEvent.class));
        }
    }

    @Nested
    class WhatItStillRefuses {

        @Test
        void shouldRefuseAFieldOfTheWrongType() {
            assertRefused(
                    with(SAMPLE, "/seq", "\"not a number\""), TelemetrySample.class, RejectReason.WRONG_TYPE, "/seq");
        }

        @Test
        void shouldRefuseWhatTheRecordRefuses() {
            assertRefused(
                    with(SAMPLE, "/intensity", "7"), TelemetrySample.class, RejectReason.OUT_OF_RANGE, "/intensity");
        }

        @Test
        void shouldRefuseBytesThatAreNotJson() {
            assertRefused(
                    "{\"v\":1,".getBytes(StandardCharsets.UTF_8), TelemetrySample.class, RejectReason.NOT_JSON, null);
        }

        @Test
        void shouldRefuseAnEmptyPayload() {
            assertRefused(new byte[0], TelemetrySample.class, RejectReason.EMPTY, null);
        }

        @Test
        void shouldRefuseANumberBeyondItsField() {
            assertRefused(
                    with(SAMPLE, "/seq", "123456789012345678901234567890"),
                    TelemetrySample.class,
                    RejectReason.OUT_OF_RANGE,
                    "/seq");
        }
    }
}
