package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.Require;
import java.time.Instant;

/**
 * The user changed settings during a session. Only what changed is present; at least one of {@code mode},
 * {@code intensity} and {@code heat} is.
 *
 * @param seq the device's message counter
 * @param ts device time
 * @param session the device's own session id
 * @param mode the new mode, or {@code null} if unchanged
 * @param intensity the new pressure level 1 to 3, or {@code null} if unchanged
 * @param heat the new heat setting, or {@code null} if unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"v", "seq", "ts", "type", "session", "mode", "intensity", "heat"})
public record SettingsChanged(long seq, Instant ts, String session, Mode mode, Integer intensity, Heat heat)
        implements DeviceEvent {

    public SettingsChanged {
        DeviceLimits.seq(seq);
        Require.present(ts, "ts");
        DeviceLimits.sessionId(session, "session");
        if (mode == null && intensity == null && heat == null) {
            throw new PayloadException(
                    RejectReason.MISSING_FIELD, "/mode", "at least one of mode, intensity, heat is required");
        }
        if (intensity != null) {
            DeviceLimits.intensity(intensity, "intensity");
        }
    }

    @Override
    public DeviceEventType type() {
        return DeviceEventType.SETTINGS_CHANGED;
    }
}
