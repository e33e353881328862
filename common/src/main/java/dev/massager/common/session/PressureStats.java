package dev.massager.common.session;

import dev.massager.common.Require;

/**
 * Per-chamber pressure roll-ups of a session.
 *
 * @param foot foot chamber
 * @param calf calf chamber
 * @param thigh thigh chamber
 */
public record PressureStats(ChamberStats foot, ChamberStats calf, ChamberStats thigh) {

    /** No samples. */
    public static final PressureStats NONE = new PressureStats(ChamberStats.NONE, ChamberStats.NONE, ChamberStats.NONE);

    public PressureStats {
        Require.present(foot, "foot");
        Require.present(calf, "calf");
        Require.present(thigh, "thigh");
    }
}
