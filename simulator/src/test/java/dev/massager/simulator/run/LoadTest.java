package dev.massager.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    void shouldFindTheCounterOfAnEncodedSample() {
        byte[] sample = new PayloadCodec()
                .encode(new TelemetrySample(
                        1_763_840_000_000_123L,
                        Instant.parse("2026-11-22T18:00:00Z"),
                        "load-1",
                        Mode.WAVE,
                        2,
                        Heat.OFF,
                        new Pressure(42, 58, 51),
                        81));

        assertThat(Load.seq(sample)).isEqualTo(1_763_840_000_000_123L);
    }

    @Test
    void shouldFindTheCounterAnywhereAndWithSpaces() {
        assertThat(Load.seq("{\"v\":1, \"seq\": 42,\"ts\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(42);
    }

    @Test
    void shouldSayWhenThereIsNoCounter() {
        assertThat(Load.seq("{\"v\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Load.seq("{\"seq\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
