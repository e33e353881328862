package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.massager.common.Require;
import java.time.Instant;

/**
 * One reading, sent every second while a session runs (schema {@code telemetry-sample.schema.json}).
 *
 * @param seq the device's own message counter, monotonic across reboots; with the device id it identifies
 *     the message, so a duplicate changes nothing
 * @param ts the device clock when measured: event time, which may be skewed
 * @param session the device's own session id
 * @param mode the running mode
 * @param intensity pressure level 1 to 3
 * @param heat heating setting
 * @param pressure chamber pressures
 * @param battery battery charge, percent
 */
@JsonPropertyOrder({"v", "seq", "ts", "session", "mode", "intensity", "heat", "pressure", "battery"})
public record TelemetrySample(
        long seq, Instant ts, String session, Mode mode, int intensity, Heat heat, Pressure pressure, int battery) {

    public TelemetrySample {
        DeviceLimits.seq(seq);
        Require.present(ts, "ts");
        DeviceLimits.sessionId(session, "session");
        Require.present(mode, "mode");
        DeviceLimits.intensity(intensity, "intensity");
        Require.present(heat, "heat");
        Require.present(pressure, "pressure");
        Require.between(battery, 0, DeviceLimits.MAX_BATTERY_PERCENT, "battery");
    }

    /** The payload version; always {@value DeviceLimits#VERSION}. */
    @JsonProperty("v")
    public int v() {
        return DeviceLimits.VERSION;
    }
}
