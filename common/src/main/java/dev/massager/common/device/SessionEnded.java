package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.massager.common.Require;
import java.time.Instant;

/**
 * A session ended.
 *
 * @param seq the device's message counter
 * @param ts device time
 * @param session the device's own session id
 * @param reason why it ended
 */
@JsonPropertyOrder({"v", "seq", "ts", "type", "session", "reason"})
public record SessionEnded(long seq, Instant ts, String session, EndReason reason) implements DeviceEvent {

    public SessionEnded {
        DeviceLimits.seq(seq);
        Require.present(ts, "ts");
        DeviceLimits.sessionId(session, "session");
        Require.present(reason, "reason");
    }

    @Override
    public DeviceEventType type() {
        return DeviceEventType.SESSION_ENDED;
    }
}
