package dev.massager.session.sessions;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.session.PressureStats;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A session's roll-ups (DESIGN §5), as stored in the {@code sessions} columns and published in the summary.
 *
 * @param startedAt device time of the start
 * @param endedAt device time of the end, or of the last data when closed as incomplete; {@code null} while open
 * @param endReason why it ended, when the device said so
 * @param durationSeconds from the start to the end, or to the latest data while open
 * @param secondsByMode seconds in each mode, one per sample
 * @param intensities pressure levels used
 * @param heats heat settings used
 * @param pressure per-chamber mean and max over the samples
 * @param sampleCount samples received
 * @param gapCount runs of at least {@value SessionAccumulator#MIN_GAP_SECONDS} s without a sample while it ran
 * @param gapSeconds their total length
 * @param firmware firmware from the start event, if it arrived
 * @param clockSkew whether any message was flagged for clock skew
 */
public record Rollup(
        Instant startedAt,
        Instant endedAt,
        EndReason endReason,
        long durationSeconds,
        Map<Mode, Long> secondsByMode,
        Set<Integer> intensities,
        Set<Heat> heats,
        PressureStats pressure,
        long sampleCount,
        int gapCount,
        long gapSeconds,
        String firmware,
        boolean clockSkew) {}
