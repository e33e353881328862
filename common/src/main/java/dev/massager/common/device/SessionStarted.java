package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.Require;
import java.time.Instant;

/**
 * The user started a session.
 *
 * @param seq the device's message counter
 * @param ts device time
 * @param session the device's own session id
 * @param mode starting mode
 * @param intensity starting pressure level 1 to 3
 * @param heat starting heat setting
 * @param timerMin the timer, 10, 15 or 20 minutes
 * @param fw firmware version running the session
 */
@JsonPropertyOrder({"v", "seq", "ts", "type", "session", "mode", "intensity", "heat", "timerMin", "fw"})
public record SessionStarted(
        long seq, Instant ts, String session, Mode mode, int intensity, Heat heat, int timerMin, String fw)
        implements DeviceEvent {

    public SessionStarted {
        DeviceLimits.seq(seq);
        Require.present(ts, "ts");
        DeviceLimits.sessionId(session, "session");
        Require.present(mode, "mode");
        DeviceLimits.intensity(intensity, "intensity");
        Require.present(heat, "heat");
        if (!DeviceLimits.TIMER_MINUTES.contains(timerMin)) {
            throw new PayloadException(
                    RejectReason.OUT_OF_RANGE, "/timerMin", "timerMin must be 10, 15 or 20, was " + timerMin);
        }
        DeviceLimits.firmware(fw, "fw");
    }

    @Override
    public DeviceEventType type() {
        return DeviceEventType.SESSION_STARTED;
    }
}
