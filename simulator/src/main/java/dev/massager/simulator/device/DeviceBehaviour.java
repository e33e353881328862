package dev.massager.simulator.device;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Fault;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetryBatch;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.topic.MqttTopic;
import dev.massager.simulator.fleet.PlannedSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The messages a massager sends: a start event, a telemetry sample every interval, events for the user's changes and
 * for faults, and an end event. Pressures follow the mode and level; the battery drains faster at higher levels and
 * with heat, and a session ends early when it runs out.
 */
public final class DeviceBehaviour {

    /** Battery percent used per minute at levels 1 to 3, and extra for low and high heat. */
    private static final double[] DRAIN_PER_LEVEL = {0, 0.9, 1.2, 1.5};

    private static final double[] DRAIN_PER_HEAT = {0, 0.5, 0.9};

    private static final int BATTERY_EMPTY = 3;

    private final PayloadCodec codec;
    private final Duration sampleInterval;

    public DeviceBehaviour(PayloadCodec codec, Duration sampleInterval) {
        this.codec = codec;
        this.sampleInterval = sampleInterval;
    }

    /** The messages of {@code plan}, in the order and at the times the device sends them while connected. */
    public List<DeviceMessage> session(PlannedSession plan, DeviceMemory device) {
        String id = device.device().id();
        SplittableRandom noise = new SplittableRandom(plan.start().getEpochSecond() ^ id.hashCode());
        // Most people charge a low battery before the evening; some forget, and the battery runs out mid-session.
        if (device.battery() < 40 && noise.nextInt(100) < 70) {
            device.charge();
        }
        String fw = device.device().firmware();
        MqttTopic events = MqttTopic.of(id, MqttTopic.Kind.EVENTS);
        MqttTopic telemetry = MqttTopic.of(id, MqttTopic.Kind.TELEMETRY);
        List<DeviceMessage> messages = new ArrayList<>();

        Instant start = plan.start();
        PlannedSession.Settings settings = plan.settings();
        long seq = device.nextSeq(start);
        messages.add(new DeviceMessage(
                events,
                codec.encode(new SessionStarted(
                        seq,
                        device.clock(start),
                        plan.id(),
                        settings.mode(),
                        settings.intensity(),
                        settings.heat(),
                        plan.timerMin(),
                        fw)),
                start,
                seq));

        int nextChange = 0;
        Instant end = plan.end();
        EndReason reason = plan.endReason();
        for (Instant at = start.plus(sampleInterval); at.isBefore(end); at = at.plus(sampleInterval)) {
            while (nextChange < plan.changes().size()
                    && !start.plus(plan.changes().get(nextChange).after()).isAfter(at)) {
                PlannedSession.Change change = plan.changes().get(nextChange++);
                PlannedSession.Settings next = change.settings();
                Instant changedAt = start.plus(change.after());
                long changeSeq = device.nextSeq(changedAt);
                messages.add(new DeviceMessage(
                        events,
                        codec.encode(new SettingsChanged(
                                changeSeq,
                                device.clock(changedAt),
                                plan.id(),
                                next.mode() == settings.mode() ? null : next.mode(),
                                next.intensity() == settings.intensity() ? null : next.intensity(),
                                next.heat() == settings.heat() ? null : next.heat())),
                        changedAt,
                        changeSeq));
                settings = next;
            }
            device.drain(sampleInterval.toMillis()
                    / 60_000.0
                    * (DRAIN_PER_LEVEL[settings.intensity()]
                            + DRAIN_PER_HEAT[settings.heat().ordinal()]));
            long sampleSeq = device.nextSeq(at);
            TelemetrySample sample = new TelemetrySample(
                    sampleSeq,
                    device.clock(at),
                    plan.id(),
                    settings.mode(),
                    settings.intensity(),
                    settings.heat(),
                    pressure(settings, Duration.between(start, at).toSeconds(), noise),
                    device.battery());
            messages.add(new DeviceMessage(telemetry, codec.encode(sample), at, sampleSeq, sample));
            if (device.battery() <= BATTERY_EMPTY) {
                long faultSeq = device.nextSeq(at);
                messages.add(
                        event(events, new Fault(faultSeq, device.clock(at), FaultCode.BATTERY_LOW, plan.id()), at));
                end = at;
                reason = EndReason.BATTERY;
                break;
            }
        }
        if (plan.fault().isPresent() && reason == EndReason.FAULT) {
            long faultSeq = device.nextSeq(end);
            messages.add(event(
                    events, new Fault(faultSeq, device.clock(end), plan.fault().get(), plan.id()), end));
        }
        long endSeq = device.nextSeq(end);
        messages.add(event(events, new SessionEnded(endSeq, device.clock(end), plan.id(), reason), end));
        return messages;
    }

    /** The retained status a device publishes when it connects, or before it disconnects cleanly. */
    public DeviceMessage status(DeviceMemory device, DeviceState state, Instant now) {
        MqttTopic topic = MqttTopic.of(device.device().id(), MqttTopic.Kind.STATUS);
        return new DeviceMessage(
                topic,
                codec.encode(new DeviceStatus(
                        state, device.clock(now), device.device().firmware())),
                now,
                -1);
    }

    /**
     * The same messages as a device uploads them after a time without connection: consecutive samples go in batches
     * of up to {@value DeviceLimits#MAX_BATCH_SAMPLES}, events one by one, in the order
     * they happened.
     */
    public List<DeviceMessage> backlog(List<DeviceMessage> messages, Instant uploadAt) {
        List<DeviceMessage> upload = new ArrayList<>();
        List<TelemetrySample> batch = new ArrayList<>();
        MqttTopic batchTopic = null;
        long lastSeq = -1;
        for (DeviceMessage message : messages) {
            if (message.sample() != null) {
                batch.add(message.sample());
                batchTopic = message.topic();
                lastSeq = message.seq();
                if (batch.size() == DeviceLimits.MAX_BATCH_SAMPLES) {
                    upload.add(
                            new DeviceMessage(batchTopic, codec.encode(new TelemetryBatch(batch)), uploadAt, lastSeq));
                    batch = new ArrayList<>();
                }
            } else {
                if (!batch.isEmpty()) {
                    upload.add(
                            new DeviceMessage(batchTopic, codec.encode(new TelemetryBatch(batch)), uploadAt, lastSeq));
                    batch = new ArrayList<>();
                }
                upload.add(new DeviceMessage(message.topic(), message.payload(), uploadAt, message.seq()));
            }
        }
        if (!batch.isEmpty()) {
            upload.add(new DeviceMessage(batchTopic, codec.encode(new TelemetryBatch(batch)), uploadAt, lastSeq));
        }
        return upload;
    }

    private DeviceMessage event(MqttTopic topic, DeviceEvent event, Instant at) {
        return new DeviceMessage(topic, codec.encode(event), at, event.seq());
    }

    /** Chamber pressures in mmHg: sequential inflates foot, calf and thigh in turn, wave rolls up, full holds all. */
    static Pressure pressure(PlannedSession.Settings settings, long second, SplittableRandom noise) {
        int peak = 30 + 30 * settings.intensity();
        int[] chambers = new int[3];
        for (int chamber = 0; chamber < 3; chamber++) {
            double level = switch (settings.mode()) {
                case SEQUENTIAL -> (second / 10) % 3 == chamber ? 1 : 0.15;
                case WAVE -> 0.55 + 0.45 * Math.sin((second + chamber * 4) * Math.PI / 6);
                case FULL -> 0.9;
            };
            chambers[chamber] = Math.max(0, Math.min(250, (int) Math.round(peak * level) + noise.nextInt(-3, 4)));
        }
        return new Pressure(chambers[0], chambers[1], chambers[2]);
    }
}
