package dev.massager.bench.sessions;

import dev.massager.common.device.DeviceEvent;
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
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The traffic of a fleet whose devices all run sessions at the same time, one after the other, in the order the
 * messages happen: a start event, a sample a second (600, 900 or 1,200 of them for the 10, 15 and 20 minute timers; one
 * session in five stopped early by the user, after half of that or more), a settings change in most sessions, and an end event. Each device counts its messages
 * one by one ({@code seq}), as a device's counter does. Messages are made one at a time, so a fleet of any size fits
 * in a little memory.
 *
 * <p>The fleet stops starting sessions once the sessions started hold {@code records} messages; every session it
 * started is finished, so the total is a little above that.
 */
final class FleetTraffic {

    private static final Mode[] MODES = Mode.values();
    private static final Heat[] HEATS = Heat.values();
    private static final int[] TIMERS = {10, 15, 20};
    private static final String FIRMWARE = "2.3.1";

    private final long records;
    private final PriorityQueue<DeviceScript> due = new PriorityQueue<>(
            Comparator.comparing((DeviceScript d) -> d.nextAt).thenComparingInt(d -> d.index));
    private final List<PlannedSession> planned = new ArrayList<>();
    private long plannedRecords;

    /**
     * @param deviceIds the devices, all running sessions from {@code from} on, their first starts spread over five
     *     minutes
     * @param records how many messages to make, at least
     * @param seed makes the traffic reproducible
     */
    FleetTraffic(List<String> deviceIds, Instant from, long records, long seed) {
        this.records = records;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < deviceIds.size(); i++) {
            DeviceScript device = new DeviceScript(i, deviceIds.get(i), random.split());
            if (device.planNext(from.plusMillis(random.nextLong(300_000)))) {
                due.add(device);
            }
        }
    }

    boolean hasNext() {
        return !due.isEmpty();
    }

    /** The next message of the fleet in device time. */
    Message next() {
        DeviceScript device = due.poll();
        if (device == null) {
            throw new NoSuchElementException();
        }
        Message message = device.next();
        if (device.nextAt != null) {
            due.add(device);
        }
        return message;
    }

    /** The sessions started so far, with what they hold. */
    List<PlannedSession> sessions() {
        return planned;
    }

    /**
     * One message of the fleet.
     *
     * @param deviceId the device that sends it
     * @param payload a {@link TelemetrySample} or a {@link DeviceEvent}
     * @param at its device time
     */
    record Message(String deviceId, Object payload, Instant at) {

        boolean isSample() {
            return payload instanceof TelemetrySample;
        }
    }

    /**
     * A session of the traffic.
     *
     * @param deviceId its device
     * @param session the device's session id
     * @param samples how many samples it sends
     * @param messages how many messages, events included
     * @param endReason why it ends
     */
    record PlannedSession(String deviceId, String session, int samples, int messages, EndReason endReason) {}

    /** One device: its counter, its battery and the session it runs. */
    private final class DeviceScript {

        private final int index;
        private final String deviceId;
        private final SplittableRandom random;
        private long seq;
        private int sessions;
        private double battery = 100;

        private Instant nextAt;
        private Instant start;
        private String session;
        private int length;
        private int timerMin;
        private EndReason endReason;
        private Mode mode;
        private int intensity;
        private Heat heat;
        private int changeAt;
        private int second; // -1: the start event is next; length + 1: the end event is next

        DeviceScript(int index, String deviceId, SplittableRandom random) {
            this.index = index;
            this.deviceId = deviceId;
            this.random = random;
            this.seq = random.nextLong(1, 1_000_000);
        }

        /** Plans the next session from {@code at}, unless the fleet has made enough. */
        boolean planNext(Instant at) {
            if (plannedRecords >= records) {
                nextAt = null;
                return false;
            }
            sessions++;
            session = String.format("s-%06d", sessions);
            start = at;
            timerMin = TIMERS[random.nextInt(TIMERS.length)];
            boolean stoppedEarly = random.nextInt(100) < 20;
            length = stoppedEarly ? random.nextInt(timerMin * 30, timerMin * 60) : timerMin * 60;
            endReason = stoppedEarly ? EndReason.USER : EndReason.TIMER;
            mode = MODES[random.nextInt(MODES.length)];
            intensity = random.nextInt(1, 4);
            heat = HEATS[random.nextInt(HEATS.length)];
            changeAt = random.nextInt(100) < 70 ? random.nextInt(60, length) : -1;
            if (battery < 50) {
                battery = 100; // charged between sessions
            }
            int messages = length + 2 + (changeAt > 0 ? 1 : 0);
            plannedRecords += messages;
            planned.add(new PlannedSession(deviceId, session, length, messages, endReason));
            second = -1;
            nextAt = start;
            return true;
        }

        Message next() {
            Instant at = nextAt;
            Object payload;
            if (second == -1) {
                payload = new SessionStarted(seq++, at, session, mode, intensity, heat, timerMin, FIRMWARE);
                second = 1;
                nextAt = start.plusSeconds(1);
            } else if (second == changeAt) {
                // The change comes just before the sample of its second, which then shows the new settings.
                Mode newMode = MODES[(mode.ordinal() + 1) % MODES.length];
                payload = new SettingsChanged(seq++, at, session, newMode, null, null);
                mode = newMode;
                changeAt = -1;
            } else if (second <= length) {
                battery = Math.max(5, battery - (0.9 + 0.3 * (intensity - 1) + 0.5 * heat.ordinal()) / 60);
                payload =
                        new TelemetrySample(seq++, at, session, mode, intensity, heat, pressure(second), (int) battery);
                second++;
                nextAt = second <= length
                        ? start.plusSeconds(second)
                        : start.plusSeconds(length).plusMillis(200);
            } else {
                payload = new SessionEnded(seq++, at, session, endReason);
                planNext(at.plus(Duration.ofSeconds(random.nextLong(30, 300))));
            }
            return new Message(deviceId, payload, at);
        }

        /** Chamber pressures in mmHg that follow the mode and level, with a little noise. */
        private Pressure pressure(int second) {
            int peak = 30 + 30 * intensity;
            int[] chambers = new int[3];
            for (int chamber = 0; chamber < 3; chamber++) {
                double level = switch (mode) {
                    case SEQUENTIAL -> (second / 10) % 3 == chamber ? 1 : 0.15;
                    case WAVE -> 0.55 + 0.45 * Math.sin((second + chamber * 4) * Math.PI / 6);
                    case FULL -> 0.9;
                };
                chambers[chamber] = Math.max(0, Math.min(250, (int) Math.round(peak * level) + random.nextInt(-3, 4)));
            }
            return new Pressure(chambers[0], chambers[1], chambers[2]);
        }
    }
}
