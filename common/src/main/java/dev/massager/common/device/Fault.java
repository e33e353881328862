package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.massager.common.Require;
import java.time.Instant;

/**
 * The device detected a fault, during a session or outside one.
 *
 * @param seq the device's message counter
 * @param ts device time
 * @param code what went wrong
 * @param session the running session's id, or {@code null} when no session was running
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"v", "seq", "ts", "type", "code", "session"})
public record Fault(long seq, Instant ts, FaultCode code, String session) implements DeviceEvent {

    public Fault {
        DeviceLimits.seq(seq);
        Require.present(ts, "ts");
        Require.present(code, "code");
        if (session != null) {
            DeviceLimits.sessionId(session, "session");
        }
    }

    @Override
    public DeviceEventType type() {
        return DeviceEventType.FAULT;
    }
}
