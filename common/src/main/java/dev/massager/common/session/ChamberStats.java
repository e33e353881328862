package dev.massager.common.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.massager.common.Require;
import dev.massager.common.device.DeviceLimits;

/**
 * Pressure of one chamber over a session's samples, in mmHg; both zero when there were no samples.
 *
 * @param mean arithmetic mean, 0 to {@value DeviceLimits#MAX_PRESSURE_MMHG}
 * @param max highest sample, 0 to {@value DeviceLimits#MAX_PRESSURE_MMHG}
 */
public record ChamberStats(
        @JsonProperty(required = true) double mean,
        @JsonProperty(required = true) int max) {

    /** No samples: zero mean and zero max. */
    public static final ChamberStats NONE = new ChamberStats(0, 0);

    public ChamberStats {
        Require.between(mean, 0, DeviceLimits.MAX_PRESSURE_MMHG, "mean");
        Require.between(max, 0, DeviceLimits.MAX_PRESSURE_MMHG, "max");
    }
}
