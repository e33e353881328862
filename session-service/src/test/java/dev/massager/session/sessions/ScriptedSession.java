package dev.massager.session.sessions;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetrySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A session as a device would send it: a start event, one sample a second (sample {@code i} at start + i s, a
 * quarter second late), a switch from SEQUENTIAL at intensity 2 with low heat to WAVE at 3 with high heat after
 * sample {@code switchAfter}, and an end event one second after the last sample. Samples listed in {@code lost}
 * are never sent (their seq numbers are used up, as on a device that lost them).
 */
record ScriptedSession(
        String deviceId,
        String session,
        Instant start,
        long firstSeq,
        int samples,
        int switchAfter,
        Set<Integer> lost,
        boolean withStart,
        boolean withEnd) {

    static ScriptedSession of(String deviceId, String session, Instant start, long firstSeq, int samples) {
        return new ScriptedSession(deviceId, session, start, firstSeq, samples, samples / 2, Set.of(), true, true);
    }

    ScriptedSession losing(Set<Integer> lost) {
        return new ScriptedSession(deviceId, session, start, firstSeq, samples, switchAfter, lost, withStart, withEnd);
    }

    ScriptedSession switchingAfter(int sample) {
        return new ScriptedSession(deviceId, session, start, firstSeq, samples, sample, lost, withStart, withEnd);
    }

    ScriptedSession withoutStart() {
        return new ScriptedSession(deviceId, session, start, firstSeq, samples, switchAfter, lost, false, withEnd);
    }

    ScriptedSession withoutEnd() {
        return new ScriptedSession(deviceId, session, start, firstSeq, samples, switchAfter, lost, withStart, false);
    }

    /** The samples that are sent, by number 1..samples. */
    List<Integer> sentSamples() {
        return IntStream.rangeClosed(1, samples)
                .filter(i -> !lost.contains(i))
                .boxed()
                .toList();
    }

    /** Sample {@code i}'s pressures: foot 40..49, calf 50..69, thigh 45..49. */
    static Pressure pressure(int i) {
        return new Pressure(40 + i % 10, 50 + i % 20, 45 + i % 5);
    }

    Instant end() {
        return start.plusSeconds(samples + 1L);
    }

    /** The payloads in the order the device sends them. */
    List<Object> payloads() {
        List<Object> payloads = new ArrayList<>();
        long seq = firstSeq;
        if (withStart) {
            payloads.add(new SessionStarted(seq, start, session, Mode.SEQUENTIAL, 2, Heat.LOW, 10, "2.3.1"));
        }
        seq++;
        for (int i = 1; i <= samples; i++) {
            Instant ts = start.plusSeconds(i).plus(Duration.ofMillis(250));
            boolean switched = i > switchAfter;
            if (i == switchAfter + 1) {
                payloads.add(new SettingsChanged(seq++, ts.minusMillis(100), session, Mode.WAVE, 3, Heat.HIGH));
            }
            if (!lost.contains(i)) {
                payloads.add(new TelemetrySample(
                        seq,
                        ts,
                        session,
                        switched ? Mode.WAVE : Mode.SEQUENTIAL,
                        switched ? 3 : 2,
                        switched ? Heat.HIGH : Heat.LOW,
                        pressure(i),
                        90 - i / 60));
            }
            seq++;
        }
        if (withEnd) {
            payloads.add(new SessionEnded(seq, end(), session, EndReason.TIMER));
        }
        return payloads;
    }
}
