package dev.massager.common.device;

import static dev.massager.common.device.DeviceLimits.MAX_PRESSURE_MMHG;

import dev.massager.common.Require;

/**
 * Chamber pressures of one leg sleeve, in mmHg, each 0 to {@value DeviceLimits#MAX_PRESSURE_MMHG}.
 *
 * @param foot foot chamber
 * @param calf calf chamber
 * @param thigh thigh chamber
 */
public record Pressure(int foot, int calf, int thigh) {

    public Pressure {
        Require.between(foot, 0, MAX_PRESSURE_MMHG, "foot");
        Require.between(calf, 0, MAX_PRESSURE_MMHG, "calf");
        Require.between(thigh, 0, MAX_PRESSURE_MMHG, "thigh");
    }
}
