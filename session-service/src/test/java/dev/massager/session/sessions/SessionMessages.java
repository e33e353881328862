package dev.massager.session.sessions;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.Fault;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.session.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Test data for the session building: messages of one session of one device, timed in whole seconds after
 * {@link #T0} (a sample at {@code 250 ms} past its second, like the devices send them), and random sessions for the
 * property-style tests.
 */
final class SessionMessages {

    static final String DEVICE = "massager-0001";
    static final String SESSION = "s-000381";
    static final SessionKey KEY = new SessionKey(DEVICE, SESSION);
    static final String FIRMWARE = "2.3.1";

    /** Device time of second 0 of the test session. */
    static final Instant T0 = Instant.parse("2026-11-21T21:14:00Z");

    /** The gateway receives every message this long after its device time, unless told otherwise. */
    static final Duration TRANSIT = Duration.ofMillis(400);

    private SessionMessages() {}

    /** Device time {@code second} seconds and {@code millis} ms after {@link #T0}. */
    static Instant at(long second, long millis) {
        return T0.plusSeconds(second).plusMillis(millis);
    }

    static Instant at(long second) {
        return at(second, 0);
    }

    /** A sample at {@code second} s + 250 ms. */
    static DeviceMessage sample(
            long seq, long second, Mode mode, int intensity, Heat heat, int foot, int calf, int thigh) {
        return message(new TelemetrySample(
                seq, at(second, 250), SESSION, mode, intensity, heat, new Pressure(foot, calf, thigh), 81));
    }

    /** A WAVE / 2 / LOW sample with pressures 40, 50, 60 at {@code second} s + 250 ms. */
    static DeviceMessage sample(long seq, long second) {
        return sample(seq, second, Mode.WAVE, 2, Heat.LOW, 40, 50, 60);
    }

    static DeviceMessage sampleAt(long seq, Instant ts) {
        return message(new TelemetrySample(seq, ts, SESSION, Mode.WAVE, 2, Heat.LOW, new Pressure(40, 50, 60), 81));
    }

    static DeviceMessage started(long seq, long second, Mode mode, int intensity, Heat heat, String fw) {
        return message(new SessionStarted(seq, at(second), SESSION, mode, intensity, heat, 15, fw));
    }

    /** A WAVE / 2 / LOW start running {@link #FIRMWARE} at {@code second}. */
    static DeviceMessage started(long seq, long second) {
        return started(seq, second, Mode.WAVE, 2, Heat.LOW, FIRMWARE);
    }

    static DeviceMessage settings(long seq, long second, Mode mode, Integer intensity, Heat heat) {
        return message(new SettingsChanged(seq, at(second, 100), SESSION, mode, intensity, heat));
    }

    static DeviceMessage ended(long seq, long second, EndReason reason) {
        return message(new SessionEnded(seq, at(second), SESSION, reason));
    }

    static DeviceMessage ended(long seq, long second) {
        return ended(seq, second, EndReason.TIMER);
    }

    static DeviceMessage fault(long seq, long second, FaultCode code) {
        return message(new Fault(seq, at(second, 500), code, SESSION));
    }

    /** {@code payload} of {@link #DEVICE}, received {@link #TRANSIT} after its device time, with no clock skew. */
    static DeviceMessage message(Object payload) {
        DeviceMessage draft = new DeviceMessage(DEVICE, payload, Instant.EPOCH, false);
        return new DeviceMessage(DEVICE, payload, draft.ts().plus(TRANSIT), false);
    }

    static DeviceMessage skewed(DeviceMessage message) {
        return new DeviceMessage(message.deviceId(), message.payload(), message.receivedAt(), true);
    }

    static DeviceMessage receivedAt(DeviceMessage message, Instant receivedAt) {
        return new DeviceMessage(message.deviceId(), message.payload(), receivedAt, message.clockSkew());
    }

    static SessionAccumulator fold(Collection<DeviceMessage> messages) {
        SessionAccumulator accumulator = new SessionAccumulator();
        messages.forEach(accumulator::add);
        return accumulator;
    }

    static Rollup rollup(Collection<DeviceMessage> messages, SessionStatus status) {
        return fold(messages).rollup(status);
    }

    /** A new session that has recorded {@code messages} and then been saved and loaded again. */
    static Session stored(SessionStatus status, long revision, Owner owner, DeviceMessage... messages) {
        Session session = Session.begin(KEY);
        session.record(List.of(messages));
        return Session.restore(KEY, session.snapshot(), status, revision, owner);
    }

    /** {@code session} as the next unit of work loads it after this one saved it. */
    static Session reloaded(Session session) {
        return Session.restore(
                session.key(), session.snapshot(), session.status(), session.revision(), session.owner());
    }

    /** Every message twice (some three times), in a random order. */
    static List<DeviceMessage> shuffledWithDuplicates(List<DeviceMessage> messages, Random random) {
        List<DeviceMessage> copies = new ArrayList<>(messages);
        copies.addAll(messages);
        for (DeviceMessage message : messages) {
            if (random.nextInt(4) == 0) {
                copies.add(message);
            }
        }
        Collections.shuffle(copies, random);
        return copies;
    }

    /** {@code messages} cut into 1 to 5 consecutive batches at random points. */
    static List<List<DeviceMessage>> batches(List<DeviceMessage> messages, Random random) {
        int count = 1 + random.nextInt(5);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            cuts.add(random.nextInt(messages.size() + 1));
        }
        Collections.sort(cuts);
        List<List<DeviceMessage>> batches = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            batches.add(messages.subList(from, cut));
            from = cut;
        }
        batches.add(messages.subList(from, messages.size()));
        return batches;
    }

    /**
     * A random session in seq order: a start and an end event, each present or missing; 0 to 150 samples one
     * second apart with occasional lost runs of seconds, settings changes and faults; random pressures; a few
     * messages flagged for clock skew; sometimes lost seqs.
     */
    static RandomSession randomSession(Random random) {
        List<DeviceMessage> messages = new ArrayList<>();
        long seq = random.nextInt(1_000_000);
        long second = 0;
        Mode mode = Mode.values()[random.nextInt(3)];
        int intensity = 1 + random.nextInt(3);
        Heat heat = Heat.values()[random.nextInt(3)];
        boolean withStart = random.nextInt(4) != 0;
        boolean withEnd = random.nextInt(3) != 0;
        boolean skewing = random.nextInt(4) == 0;
        if (withStart) {
            messages.add(started(seq++, second, mode, intensity, heat, "2." + random.nextInt(9) + ".1"));
        }
        int samples = random.nextInt(8) == 0 ? 0 : random.nextInt(151);
        for (int i = 0; i < samples; i++) {
            second += random.nextInt(12) == 0 ? 2 + random.nextInt(5) : 1;
            if (random.nextInt(15) == 0) {
                Mode newMode = random.nextBoolean() ? Mode.values()[random.nextInt(3)] : null;
                Integer newIntensity = random.nextBoolean() ? 1 + random.nextInt(3) : null;
                Heat newHeat = newMode == null && newIntensity == null || random.nextBoolean()
                        ? Heat.values()[random.nextInt(3)]
                        : null;
                messages.add(settings(seq++, second - 1, newMode, newIntensity, newHeat));
                mode = newMode != null ? newMode : mode;
                intensity = newIntensity != null ? newIntensity : intensity;
                heat = newHeat != null ? newHeat : heat;
            }
            if (random.nextInt(40) == 0) {
                messages.add(fault(seq++, second - 1, FaultCode.values()[random.nextInt(5)]));
            }
            if (random.nextInt(30) == 0) {
                seq += 1 + random.nextInt(3); // messages lost for good
            }
            messages.add(sample(
                    seq++,
                    second,
                    mode,
                    intensity,
                    heat,
                    random.nextInt(251),
                    random.nextInt(251),
                    random.nextInt(251)));
        }
        if (withEnd) {
            second += 1 + random.nextInt(3);
            messages.add(ended(seq, second, EndReason.values()[random.nextInt(5)]));
        }
        if (messages.isEmpty()) {
            messages.add(sample(seq, 1));
        }
        if (skewing) {
            int index = random.nextInt(messages.size());
            messages.set(index, skewed(messages.get(index)));
        }
        return new RandomSession(List.copyOf(messages), withEnd ? SessionStatus.ENDED : SessionStatus.OPEN);
    }

    /**
     * Messages of one random session in seq order.
     *
     * @param messages the messages, each once
     * @param status the status the session has once they are all in: ENDED with an end event, else OPEN
     */
    record RandomSession(List<DeviceMessage> messages, SessionStatus status) {}
}
