package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.massager.common.Require;
import java.time.Instant;

/**
 * The retained connection status (schema {@code device-status.schema.json}): {@code ONLINE} on connect,
 * {@code OFFLINE} from the Last Will.
 *
 * @param state online or offline
 * @param ts device time when the status was composed; a Last Will carries the time it was registered
 * @param fw firmware version, or {@code null} if the device did not say
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"v", "state", "ts", "fw"})
public record DeviceStatus(DeviceState state, Instant ts, String fw) {

    public DeviceStatus {
        Require.present(state, "state");
        Require.present(ts, "ts");
        if (fw != null) {
            DeviceLimits.firmware(fw, "fw");
        }
    }

    /** The payload version; always {@value DeviceLimits#VERSION}. */
    @JsonProperty("v")
    public int v() {
        return DeviceLimits.VERSION;
    }
}
