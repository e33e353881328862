package dev.massager.analytics.support;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceState;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.diary.Muscle;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.session.PressureStats;
import dev.massager.common.session.SessionStatus;
import dev.massager.common.session.SessionSummary;
import dev.massager.common.topic.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes contract records to Kafka the way their producers do: session-service's keyed by user id, the gateway's
 * keyed by device id with its receive-time header. Also builds the records tests need.
 */
public final class Records {

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final KafkaTemplate<String, byte[]> kafka;
    private final PayloadCodec codec = new PayloadCodec();

    public Records(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public void send(SessionSummary summary) {
        send(KafkaTopics.SESSIONS, summary.userId(), codec.encode(summary));
    }

    public void send(CrampNight entry) {
        send(KafkaTopics.CRAMP_NIGHTS, entry.userId(), codec.encode(entry));
    }

    public void send(UserErasure erasure) {
        send(KafkaTopics.USER_ERASURES, erasure.userId(), codec.encode(erasure));
    }

    /** A status or event as the gateway produces it, received at {@code receivedAt}. */
    public void sendDevice(String deviceId, Object payload, Instant receivedAt) {
        String topic = payload instanceof DeviceStatus ? KafkaTopics.DEVICE_STATUS : KafkaTopics.DEVICE_EVENTS;
        if (!(payload instanceof DeviceStatus) && !(payload instanceof DeviceEvent)) {
            throw new IllegalArgumentException("not a device payload: " + payload);
        }
        var record = new ProducerRecord<>(topic, deviceId, codec.encode(payload));
        record.headers().add(IngestHeaders.RECEIVED_AT, receivedAt.toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    /** Raw bytes, as a broken or hostile producer would send them. */
    public void send(String topic, String key, byte[] value) {
        kafka.send(new ProducerRecord<>(topic, key, value)).join();
    }

    /** The instant of {@code localTime} in Berlin. */
    public static Instant berlin(String localTime) {
        return LocalDateTime.parse(localTime).atZone(BERLIN).toInstant();
    }

    /** {@code session} as run in {@code zone}: the same instants, the user's zone another. */
    public static SessionSummary inZone(SessionSummary session, ZoneId zone) {
        return new SessionSummary(
                session.sessionId(),
                session.revision(),
                session.userId(),
                session.deviceId(),
                session.deviceSessionId(),
                session.status(),
                session.startedAt(),
                session.endedAt(),
                session.endReason(),
                session.durationSeconds(),
                session.secondsByMode(),
                session.intensities(),
                session.heats(),
                session.pressure(),
                session.sampleCount(),
                session.gapCount(),
                session.gapSeconds(),
                session.firmware(),
                session.clockSkew(),
                zone);
    }

    /** A 20-minute ended session in Berlin, in wave mode at intensities 2 and 3 with low heat. */
    public static SessionSummary session(UUID id, long revision, String userId, Instant startedAt) {
        return new SessionSummary(
                id,
                revision,
                userId,
                "m-analytics",
                "s-" + id.toString().substring(0, 8),
                SessionStatus.ENDED,
                startedAt,
                startedAt.plusSeconds(1200),
                EndReason.TIMER,
                1200,
                Map.of(Mode.WAVE, 900L, Mode.FULL, 300L),
                Set.of(2, 3),
                Set.of(Heat.LOW),
                PressureStats.NONE,
                1200,
                0,
                0,
                "2.3.1",
                false,
                BERLIN);
    }

    /**
     * An ended session in Berlin on {@code deviceId}, running the seconds of {@code secondsByMode} from
     * {@code startedAt}.
     */
    public static SessionSummary session(
            String userId,
            String deviceId,
            Instant startedAt,
            EndReason endReason,
            Map<Mode, Long> secondsByMode,
            Set<Integer> intensities,
            Set<Heat> heats) {
        UUID id = UUID.randomUUID();
        long seconds =
                secondsByMode.values().stream().mapToLong(Long::longValue).sum();
        return new SessionSummary(
                id,
                1,
                userId,
                deviceId,
                "s-" + id.toString().substring(0, 8),
                SessionStatus.ENDED,
                startedAt,
                startedAt.plusSeconds(seconds),
                endReason,
                seconds,
                secondsByMode,
                intensities,
                heats,
                PressureStats.NONE,
                seconds,
                0,
                0,
                "2.3.1",
                false,
                BERLIN);
    }

    /** The status a device sends when it connects. */
    /** A device going offline: its data is complete up to when the gateway received this. */
    public static DeviceStatus offline(Instant ts) {
        return new DeviceStatus(DeviceState.OFFLINE, ts, "2.3.1");
    }

    public static DeviceStatus online(Instant ts) {
        return new DeviceStatus(DeviceState.ONLINE, ts, "2.3.1");
    }

    /** A diary entry in Berlin: {@code cramps} cramps (0 = none), written at {@code updatedAt}. */
    public static CrampNight entry(String userId, LocalDate night, int cramps, Instant updatedAt) {
        return new CrampNight(
                UUID.randomUUID(),
                userId,
                night,
                cramps,
                cramps == 0 ? 0 : 6,
                cramps == 0 ? Set.of() : Set.of(Muscle.CALF_LEFT),
                cramps > 0,
                null,
                BERLIN,
                updatedAt,
                false);
    }

    public static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    public static String newDevice() {
        return "d-" + UUID.randomUUID();
    }

    /** The instant of {@code localTime} on {@code date} in Berlin. */
    public static Instant berlin(LocalDate date, String localTime) {
        return date.atTime(LocalTime.parse(localTime)).atZone(BERLIN).toInstant();
    }
}
