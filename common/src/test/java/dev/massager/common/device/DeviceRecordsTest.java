package dev.massager.common.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceRecordsTest {

    private static final Instant TS = Instant.parse("2026-11-21T21:14:03.250Z");
    private static final TelemetrySample SAMPLE =
            new TelemetrySample(1, TS, "s-1", Mode.WAVE, 2, Heat.LOW, new Pressure(42, 58, 51), 81);

    private static void assertRefused(Runnable construction, RejectReason reason, String field) {
        assertThatExceptionOfType(PayloadException.class)
                .isThrownBy(construction::run)
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.field()).hasValue(field);
                });
    }

    @Test
    void shouldRefuseAPressureOutOfRange() {
        assertRefused(() -> new Pressure(0, 251, 0), RejectReason.OUT_OF_RANGE, "/calf");
    }

    @Test
    void shouldRefuseASampleWithoutTimestamp() {
        assertRefused(
                () -> new TelemetrySample(1, null, "s-1", Mode.WAVE, 2, Heat.LOW, new Pressure(1, 1, 1), 81),
                RejectReason.MISSING_FIELD,
                "/ts");
    }

    @Test
    void shouldRefuseASessionIdWithSpaces() {
        assertRefused(
                () -> new SessionEnded(1, TS, "my session", EndReason.USER), RejectReason.INVALID_FORMAT, "/session");
    }

    @Test
    void shouldRefuseSettingsChangedWithNoSetting() {
        assertRefused(() -> new SettingsChanged(1, TS, "s-1", null, null, null), RejectReason.MISSING_FIELD, "/mode");
    }

    @Test
    void shouldRefuseATimerThatIsNotOffered() {
        assertRefused(
                () -> new SessionStarted(1, TS, "s-1", Mode.FULL, 1, Heat.OFF, 30, "2.3.1"),
                RejectReason.OUT_OF_RANGE,
                "/timerMin");
    }

    @Test
    void shouldRefuseAnEmptyOrOversizedBatch() {
        assertRefused(() -> new TelemetryBatch(List.of()), RejectReason.OUT_OF_RANGE, "/samples");
        assertRefused(
                () -> new TelemetryBatch(Collections.nCopies(DeviceLimits.MAX_BATCH_SAMPLES + 1, SAMPLE)),
                RejectReason.TOO_MANY_ITEMS,
                "/samples");
        assertRefused(
                () -> new TelemetryBatch(Collections.singletonList(null)), RejectReason.MISSING_FIELD, "/samples/0");
    }

    @Test
    void shouldNotBeChangedThroughTheListItWasBuiltFrom() {
        List<TelemetrySample> samples = new ArrayList<>(List.of(SAMPLE));
        TelemetryBatch batch = new TelemetryBatch(samples);

        samples.clear();

        assertThat(batch.samples()).containsExactly(SAMPLE);
    }

    @Test
    void shouldAlwaysSpeakVersionOne() {
        assertThat(SAMPLE.v()).isEqualTo(DeviceLimits.VERSION).isEqualTo(1);
        assertThat(new DeviceStatus(DeviceState.OFFLINE, TS, null).v()).isEqualTo(1);
    }
}
