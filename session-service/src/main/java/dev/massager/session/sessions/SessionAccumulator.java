package dev.massager.session.sessions;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.session.ChamberStats;
import dev.massager.common.session.PressureStats;
import dev.massager.common.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a session's roll-ups are computed from, folded one message at a time. Every step is a set union, a
 * sum, a minimum or a maximum, and a message already seen (by its {@code seq}) is ignored, so the same messages in
 * any order and with any duplicates give the same state.
 *
 * <p>Of two start (or end) events the one with the lower {@code seq} counts: a device sends one of each per session,
 * and any rule would do as long as it does not depend on arrival order.
 */
final class SessionAccumulator {

    /** Uncovered runs shorter than this are jitter of the one-second sampling, not lost data. */
    static final long MIN_GAP_SECONDS = 2;

    private static final int FOOT = 0;
    private static final int CALF = 1;
    private static final int THIGH = 2;

    private Ranges.Growing seqs = new Ranges.Growing();
    private Ranges.Growing seconds = new Ranges.Growing();
    private Start start;
    private End end;
    private Instant firstTs;
    private Instant lastTs;
    private long samples;
    private final EnumMap<Mode, Long> samplesByMode = new EnumMap<>(Mode.class);
    private final TreeSet<Integer> intensities = new TreeSet<>();
    private final EnumSet<Heat> heats = EnumSet.noneOf(Heat.class);
    private final long[] pressureSums = new long[3];
    private final int[] pressureMax = new int[3];
    private boolean clockSkew;
    private Instant firstReceivedAt;
    private Instant lastReceivedAt;

    /**
     * Folds {@code message} in.
     *
     * @return whether it was new; {@code false} for a message already seen
     */
    boolean add(DeviceMessage message) {
        if (!seqs.add(message.seq())) {
            return false;
        }
        firstTs = min(firstTs, message.ts());
        lastTs = max(lastTs, message.ts());
        firstReceivedAt = min(firstReceivedAt, message.receivedAt());
        lastReceivedAt = max(lastReceivedAt, message.receivedAt());
        clockSkew |= message.clockSkew();
        Object payload = message.payload();
        if (payload instanceof TelemetrySample sample) {
            addSample(sample);
        } else if (payload instanceof SessionStarted started) {
            if (start == null || started.seq() < start.seq()) {
                start = new Start(started);
            }
            intensities.add(started.intensity());
            heats.add(started.heat());
        } else if (payload instanceof SettingsChanged changed) {
            if (changed.intensity() != null) {
                intensities.add(changed.intensity());
            }
            if (changed.heat() != null) {
                heats.add(changed.heat());
            }
        } else if (payload instanceof SessionEnded ended && (end == null || ended.seq() < end.seq())) {
            end = new End(ended.seq(), ended.ts(), ended.reason());
        }
        return true;
    }

    private void addSample(TelemetrySample sample) {
        samples++;
        samplesByMode.merge(sample.mode(), 1L, Long::sum);
        intensities.add(sample.intensity());
        heats.add(sample.heat());
        int[] pressures = {
            sample.pressure().foot(),
            sample.pressure().calf(),
            sample.pressure().thigh()
        };
        for (int chamber = 0; chamber < pressures.length; chamber++) {
            pressureSums[chamber] += pressures[chamber];
            pressureMax[chamber] = Math.max(pressureMax[chamber], pressures[chamber]);
        }
        seconds.add(sample.ts().getEpochSecond());
    }

    /** Whether the device reported the end of the session. */
    boolean ended() {
        return end != null;
    }

    boolean isEmpty() {
        return firstTs == null;
    }

    boolean clockSkew() {
        return clockSkew;
    }

    Instant firstReceivedAt() {
        return firstReceivedAt;
    }

    Instant lastReceivedAt() {
        return lastReceivedAt;
    }

    /** Device time of the start event, or of the earliest message when the start event is missing. */
    Instant startedAt() {
        return start != null ? start.ts() : firstTs;
    }

    /** The roll-ups as they stand, for a session in {@code status}. */
    Rollup rollup(SessionStatus status) {
        if (isEmpty()) {
            throw new IllegalStateException("no message folded in yet");
        }
        Instant startedAt = startedAt();
        Instant endedAt = switch (status) {
            case OPEN -> null;
            case ENDED -> end.ts();
            case INCOMPLETE -> lastTs;
        };
        Instant until = endedAt != null ? endedAt : lastTs;
        if (until.isBefore(startedAt)) {
            until = startedAt; // a clock that jumped back: no negative durations
        }
        List<Long> gaps = seconds.holes(startedAt.getEpochSecond(), until.getEpochSecond()).stream()
                .filter(hole -> hole >= MIN_GAP_SECONDS)
                .toList();
        return new Rollup(
                startedAt,
                endedAt,
                status == SessionStatus.ENDED ? end.reason() : null,
                Duration.between(startedAt, until).toSeconds(),
                Map.copyOf(samplesByMode),
                Set.copyOf(intensities),
                Set.copyOf(heats),
                new PressureStats(chamber(FOOT), chamber(CALF), chamber(THIGH)),
                samples,
                gaps.size(),
                gaps.stream().mapToLong(Long::longValue).sum(),
                start != null ? start.fw() : null,
                clockSkew);
    }

    private ChamberStats chamber(int chamber) {
        return samples == 0
                ? ChamberStats.NONE
                : new ChamberStats((double) pressureSums[chamber] / samples, pressureMax[chamber]);
    }

    /** The state in a form that survives a round trip through JSON. */
    Snapshot snapshot() {
        return new Snapshot(
                seqs.toArray(),
                seconds.toArray(),
                start,
                end,
                firstTs,
                lastTs,
                samples,
                Map.copyOf(samplesByMode),
                Set.copyOf(intensities),
                Set.copyOf(heats),
                pressureSums.clone(),
                pressureMax.clone(),
                clockSkew,
                firstReceivedAt,
                lastReceivedAt);
    }

    static SessionAccumulator restore(Snapshot snapshot) {
        SessionAccumulator accumulator = new SessionAccumulator();
        accumulator.seqs = Ranges.of(snapshot.seqs()).growing();
        accumulator.seconds = Ranges.of(snapshot.seconds()).growing();
        accumulator.start = snapshot.start();
        accumulator.end = snapshot.end();
        accumulator.firstTs = snapshot.firstTs();
        accumulator.lastTs = snapshot.lastTs();
        accumulator.samples = snapshot.samples();
        accumulator.samplesByMode.putAll(snapshot.samplesByMode());
        accumulator.intensities.addAll(snapshot.intensities());
        accumulator.heats.addAll(snapshot.heats());
        System.arraycopy(snapshot.pressureSums(), 0, accumulator.pressureSums, 0, 3);
        System.arraycopy(snapshot.pressureMax(), 0, accumulator.pressureMax, 0, 3);
        accumulator.clockSkew = snapshot.clockSkew();
        accumulator.firstReceivedAt = snapshot.firstReceivedAt();
        accumulator.lastReceivedAt = snapshot.lastReceivedAt();
        return accumulator;
    }

    private static Instant min(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant max(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    /** The start event's settings. */
    record Start(long seq, Instant ts, Mode mode, int intensity, Heat heat, int timerMin, String fw) {

        Start(SessionStarted event) {
            this(event.seq(), event.ts(), event.mode(), event.intensity(), event.heat(), event.timerMin(), event.fw());
        }
    }

    /** The end event. */
    record End(long seq, Instant ts, EndReason reason) {}

    /**
     * The stored form of the state (column {@code sessions.accumulator}).
     *
     * @param seqs message sequence numbers seen, as flat ranges
     * @param seconds epoch seconds covered by samples, as flat ranges
     * @param start the start event, or {@code null}
     * @param end the end event, or {@code null}
     * @param firstTs earliest device time of any message
     * @param lastTs latest device time of any message
     * @param samples number of samples
     * @param samplesByMode samples per mode
     * @param intensities pressure levels seen
     * @param heats heat settings seen
     * @param pressureSums sum of foot, calf and thigh pressure over the samples
     * @param pressureMax highest foot, calf and thigh pressure
     * @param clockSkew whether any message was flagged for clock skew
     * @param firstReceivedAt earliest gateway receive time
     * @param lastReceivedAt latest gateway receive time
     */
    record Snapshot(
            long[] seqs,
            long[] seconds,
            Start start,
            End end,
            Instant firstTs,
            Instant lastTs,
            long samples,
            Map<Mode, Long> samplesByMode,
            Set<Integer> intensities,
            Set<Heat> heats,
            long[] pressureSums,
            int[] pressureMax,
            boolean clockSkew,
            Instant firstReceivedAt,
            Instant lastReceivedAt) {}
}
