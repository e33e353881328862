package dev.massager.bench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetrySample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetTrafficTest {

    private static final Instant FROM = Instant.parse("2026-11-22T18:00:00Z");

    private final List<String> devices =
            IntStream.rangeClosed(1, 30).mapToObj(i -> "dev-" + i).toList();
    private FleetTraffic traffic;
    private final List<FleetTraffic.Message> messages = new ArrayList<>();

    @BeforeEach
    void makeTheTraffic() {
        traffic = new FleetTraffic(devices, FROM, 60_000, 1);
        while (traffic.hasNext()) {
            messages.add(traffic.next());
        }
    }

    @Test
    void shouldComeInDeviceTimeFromTheStart() {
        assertThat(messages).extracting(FleetTraffic.Message::at).isSorted().allMatch(at -> !at.isBefore(FROM));
    }

    @Test
    void shouldFinishEverySessionItStartedOnceItHasMadeEnough() {
        assertThat(messages.size())
                .isGreaterThanOrEqualTo(60_000)
                .isEqualTo(traffic.sessions().stream()
                        .mapToInt(FleetTraffic.PlannedSession::messages)
                        .sum());
        assertThat(traffic.sessions())
                .extracting(FleetTraffic.PlannedSession::deviceId)
                .containsAll(devices);
    }

    @Test
    void shouldCountEachDevicesMessagesOneByOne() {
        Map<String, Long> last = new HashMap<>();
        for (FleetTraffic.Message message : messages) {
            long seq = message.isSample()
                    ? ((TelemetrySample) message.payload()).seq()
                    : ((DeviceEvent) message.payload()).seq();
            Long before = last.put(message.deviceId(), seq);
            if (before != null) {
                assertThat(seq).as(message.deviceId()).isEqualTo(before + 1);
            }
        }
    }

    @Test
    void shouldSendEachSessionsStartItsSamplesAndItsEndInOrder() {
        Map<String, List<Object>> bySession = new HashMap<>();
        for (FleetTraffic.Message message : messages) {
            String session = session(message.payload());
            bySession
                    .computeIfAbsent(message.deviceId() + "/" + session, k -> new ArrayList<>())
                    .add(message.payload());
        }
        for (FleetTraffic.PlannedSession plan : traffic.sessions()) {
            List<Object> sent = bySession.get(plan.deviceId() + "/" + plan.session());
            assertThat(sent).hasSize(plan.messages());
            assertThat(sent.get(0)).isInstanceOf(SessionStarted.class);
            assertThat(sent.get(sent.size() - 1))
                    .isInstanceOfSatisfying(
                            SessionEnded.class,
                            ended -> assertThat(ended.reason()).isEqualTo(plan.endReason()));
            assertThat(sent).filteredOn(TelemetrySample.class::isInstance).hasSize(plan.samples());
            assertThat(plan.samples()).isBetween(300, 1_200);
        }
    }

    private static String session(Object payload) {
        if (payload instanceof TelemetrySample sample) {
            return sample.session();
        } else if (payload instanceof SessionStarted started) {
            return started.session();
        } else if (payload instanceof SettingsChanged changed) {
            return changed.session();
        } else if (payload instanceof SessionEnded ended) {
            return ended.session();
        }
        throw new AssertionError("unexpected " + payload);
    }
}
