package dev.massager.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.topic.MqttTopic;
import dev.massager.simulator.fleet.PlannedSession;
import dev.massager.simulator.fleet.VirtualDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeviceBehaviourTest {

    private static final Instant START = Instant.parse("2026-10-24T19:30:00Z");

    private final PayloadCodec codec = new PayloadCodec();

    private final DeviceBehaviour behaviour = new DeviceBehaviour(codec, Duration.ofSeconds(1));

    private final VirtualDevice device = new VirtualDevice("sim-0001", "ABCDEFGH", "2.3.1", Duration.ZERO);

    private static PlannedSession session(Duration length, List<PlannedSession.Change> changes) {
        return new PlannedSession(
                "s-1",
                START,
                15,
                new PlannedSession.Settings(Mode.WAVE, 2, Heat.LOW),
                changes,
                length,
                EndReason.TIMER,
                Optional.empty(),
                false);
    }

    @Nested
    class ASession {

        private final List<DeviceMessage> messages = behaviour.session(
                session(
                        Duration.ofMinutes(15),
                        List.of(new PlannedSession.Change(
                                Duration.ofSeconds(300), new PlannedSession.Settings(Mode.FULL, 2, Heat.LOW)))),
                new DeviceMemory(device));

        @Test
        void shouldStartAndEndWithItsEventsAndSendASampleEverySecond() {
            assertThat(event(messages.get(0))).isInstanceOf(SessionStarted.class);
            assertThat(event(messages.get(messages.size() - 1)))
                    .isEqualTo(new SessionEnded(
                            messages.get(messages.size() - 1).seq(), START.plusSeconds(900), "s-1", EndReason.TIMER));
            assertThat(samples(messages)).hasSize(899);
            assertThat(messages)
                    .filteredOn(message -> message.topic().kind() == MqttTopic.Kind.EVENTS)
                    .hasSize(3);
        }

        @Test
        void shouldSendOnlyValidPayloadsWithAnIncreasingCounter() {
            List<Long> seqs = messages.stream().map(DeviceMessage::seq).toList();

            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(samples(messages)).allSatisfy(sample -> {
                assertThat(sample.pressure().foot()).isBetween(0, 250);
                assertThat(sample.battery()).isBetween(0, 100);
            });
        }

        @Test
        void shouldFollowTheUsersChangeOfMode() {
            assertThat(samples(messages))
                    .filteredOn(sample -> sample.ts().isBefore(START.plusSeconds(300)))
                    .allSatisfy(sample -> assertThat(sample.mode()).isEqualTo(Mode.WAVE));
            assertThat(samples(messages))
                    .filteredOn(sample -> !sample.ts().isBefore(START.plusSeconds(300)))
                    .allSatisfy(sample -> assertThat(sample.mode()).isEqualTo(Mode.FULL));
        }
    }

    @Test
    void shouldEndASessionWhenTheBatteryRunsOut() {
        DeviceMemory memory = new DeviceMemory(device);
        memory.charge();
        memory.drain(58); // 42 %: not charged before the session, and at 2.4 % a minute empty after about 16 minutes
        PlannedSession strong = new PlannedSession(
                "s-1",
                START,
                20,
                new PlannedSession.Settings(Mode.FULL, 3, Heat.HIGH),
                List.of(),
                Duration.ofMinutes(20),
                EndReason.TIMER,
                Optional.empty(),
                false);

        List<DeviceMessage> messages = behaviour.session(strong, memory);

        SessionEnded end = (SessionEnded) event(messages.get(messages.size() - 1));
        assertThat(end.reason()).isEqualTo(EndReason.BATTERY);
        assertThat(Duration.between(START, end.ts())).isLessThan(Duration.ofMinutes(20));
    }

    @Test
    void shouldStampMessagesWithTheDevicesWrongClock() {
        VirtualDevice late = new VirtualDevice("sim-0002", "ABCDEFGH", "2.3.1", Duration.ofMinutes(5));

        List<DeviceMessage> messages =
                behaviour.session(session(Duration.ofMinutes(10), List.of()), new DeviceMemory(late));

        assertThat(((SessionStarted) event(messages.get(0))).ts()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(messages.get(0).due()).isEqualTo(START);
    }

    @Test
    void shouldKeepTheCounterIncreasingAcrossSessions() {
        DeviceMemory memory = new DeviceMemory(device);
        List<DeviceMessage> first = behaviour.session(session(Duration.ofMinutes(10), List.of()), memory);
        List<DeviceMessage> second = behaviour.session(session(Duration.ofMinutes(10), List.of()), memory);

        assertThat(second.get(0).seq())
                .isGreaterThan(first.get(first.size() - 1).seq());
    }

    @Test
    void shouldUploadABacklogAsBatchesOfAtMostFiveHundredSamplesInOrder() {
        List<DeviceMessage> messages =
                behaviour.session(session(Duration.ofMinutes(20), List.of()), new DeviceMemory(device));

        List<DeviceMessage> upload = behaviour.backlog(messages, START.plusSeconds(86_400));

        List<TelemetrySample> uploaded = new ArrayList<>();
        upload.stream()
                .filter(message -> message.topic().kind() == MqttTopic.Kind.TELEMETRY)
                .forEach(message -> {
                    List<TelemetrySample> batch = codec.decodeTelemetry(message.payload());
                    assertThat(batch).hasSizeLessThanOrEqualTo(DeviceLimits.MAX_BATCH_SAMPLES);
                    uploaded.addAll(batch);
                });
        assertThat(uploaded).isEqualTo(samples(messages));
        assertThat(upload).hasSize(5); // start, 500 + 500 + 199 samples, end
        assertThat(upload).allSatisfy(message -> assertThat(message.due()).isEqualTo(START.plusSeconds(86_400)));
    }

    private DeviceEvent event(DeviceMessage message) {
        return codec.decode(message.payload(), DeviceEvent.class);
    }

    private List<TelemetrySample> samples(List<DeviceMessage> messages) {
        return messages.stream()
                .filter(message -> message.topic().kind() == MqttTopic.Kind.TELEMETRY)
                .flatMap(message -> codec.decodeTelemetry(message.payload()).stream())
                .toList();
    }
}
