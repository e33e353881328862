package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.session.SessionSummary;
import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.kafka.TopicReader;
import dev.massager.session.SessionServiceIntegrationTest;
import dev.massager.session.support.DeviceStream;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

@SessionServiceIntegrationTest
class SessionStreamIT {

    /** Columns that depend on when and in what order messages arrived, not on what they said. */
    private static final String CONTENT_COLUMNS = """
            device_session_id, user_id, time_zone, status, started_at, ended_at, end_reason, duration_seconds,
            seconds_by_mode::text, intensities::text, heats::text, pressure::text, sample_count, gap_count,
            gap_seconds, firmware, clock_skew
            """;

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A telemetry sample whose {@code seq} is not a number. */
    private static final byte[] POISON = ("{\"v\":1,\"seq\":\"not a number\",\"ts\":\"2026-11-21T21:14:03.250Z\","
                    + "\"session\":\"s-1\",\"mode\":\"WAVE\",\"intensity\":2,\"heat\":\"LOW\","
                    + "\"pressure\":{\"foot\":42,\"calf\":58,\"thigh\":51},\"battery\":81}")
            .getBytes(StandardCharsets.UTF_8);

    /** The first delivery and the retries of {@code massager.consumer.retry.attempts}. */
    private static final int FAILED_DELIVERIES_OF_A_POISON_RECORD = 1 + 3;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SessionBuilding building;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Value("${spring.datasource.username}")
    String databaseUser;

    @Value("${spring.datasource.password}")
    String databasePassword;

    private final PayloadCodec codec = new PayloadCodec();

    DeviceStream stream() {
        return new DeviceStream(kafka);
    }

    /** Three devices, five sessions, each showing a different side of real device behaviour. */
    static List<ScriptedSession> fleet(String prefix, Instant evening) {
        String a = prefix + "-a";
        String b = prefix + "-b";
        String c = prefix + "-c";
        return List.of(
                // 600 samples; a 5-second gap and a single lost sample, which is jitter rather than a gap
                ScriptedSession.of(a, "s-1", evening, 100, 600)
                        .switchingAfter(200)
                        .losing(Set.of(301, 302, 303, 304, 305, 400)),
                ScriptedSession.of(a, "s-2", evening.plus(Duration.ofHours(2)), 800, 300),
                // the start event never arrived
                ScriptedSession.of(b, "s-1", evening.plusSeconds(60), 1, 120).withoutStart(),
                // still running
                ScriptedSession.of(c, "s-7", evening.plusSeconds(30), 5000, 90).withoutEnd(),
                ScriptedSession.of(c, "s-8", evening.plus(Duration.ofHours(1)), 6000, 60));
    }

    private List<ProducerRecord<String, byte[]>> records(List<ScriptedSession> sessions) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (ScriptedSession session : sessions) {
            session.payloads().forEach(payload -> records.add(stream().record(session.deviceId(), payload)));
        }
        return records;
    }

    private List<Map<String, Object>> rows(String devicePrefix) {
        return jdbc.sql("select right(device_id, 1) as device, " + CONTENT_COLUMNS
                        + " from sessions where device_id like ? order by device_id, device_session_id")
                .param(devicePrefix + "-%")
                .query()
                .listOfRows();
    }

    private long sampleCount(String devicePrefix) {
        return jdbc.sql("select coalesce(sum(sample_count), 0) from sessions where device_id like ?")
                .param(devicePrefix + "-%")
                .query(Long.class)
                .single();
    }

    private static long expectedSamples(List<ScriptedSession> sessions) {
        return sessions.stream().mapToLong(s -> s.sentSamples().size()).sum();
    }

    private static String prefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Nested
    class FromTheStream {

        @Test
        void shouldBuildExactlyTheExpectedSessions() {
            String prefix = prefix();
            Instant evening = Instant.parse("2026-11-20T20:00:00Z");
            List<ScriptedSession> fleet = fleet(prefix, evening);

            stream().send(records(fleet));

            await().atMost(WAIT)
                    .until(() -> sampleCount(prefix) == expectedSamples(fleet)
                            && rows(prefix).stream()
                                            .filter(row -> row.get("status").equals("ENDED"))
                                            .count()
                                    == 4);
            List<Map<String, Object>> rows = rows(prefix);
            assertThat(rows)
                    .extracting(row -> row.get("device") + "/" + row.get("device_session_id") + "/" + row.get("status"))
                    .containsExactly("a/s-1/ENDED", "a/s-2/ENDED", "b/s-1/ENDED", "c/s-7/OPEN", "c/s-8/ENDED");

            Map<String, Object> first = rows.get(0);
            // 600 samples sent minus 6 lost; 200 before the switch, 394 after
            assertThat(first.get("sample_count")).isEqualTo(594L);
            assertThat(first.get("seconds_by_mode")).isEqualTo("{\"WAVE\": 394, \"SEQUENTIAL\": 200}");
            assertThat(first.get("gap_count")).isEqualTo(1);
            assertThat(first.get("gap_seconds")).isEqualTo(5L);
            // start at 20:00:00, end event one second after sample 600
            assertThat(first.get("duration_seconds")).isEqualTo(601L);
            assertThat(first.get("intensities")).isEqualTo("{2,3}");
            assertThat(first.get("heats")).isEqualTo("{LOW,HIGH}");
            assertThat(first.get("firmware")).isEqualTo("2.3.1");
            assertThat(first.get("end_reason")).isEqualTo("TIMER");
            assertThat(first.get("clock_skew")).isEqualTo(false);
            assertThat(first.get("user_id"))
                    .as("the devices are paired to nobody")
                    .isNull();
            List<Integer> sent = fleet.get(0).sentSamples();
            double footMean = sent.stream()
                    .mapToInt(i -> ScriptedSession.pressure(i).foot())
                    .average()
                    .orElseThrow();
            assertThat(first.get("pressure").toString())
                    .contains("\"foot\": {\"max\": 49, \"mean\": " + footMean + "}")
                    .contains("\"calf\": {\"max\": 69");

            Map<String, Object> withoutStart = rows.get(2);
            assertThat(withoutStart.get("firmware")).isNull();
            assertThat(withoutStart.get("started_at").toString())
                    .as("the first sample's time stands in for the start")
                    .startsWith("2026-11-20 20:01:01.25");
            Map<String, Object> open = rows.get(3);
            assertThat(open.get("ended_at")).isNull();
            assertThat(open.get("duration_seconds")).isEqualTo(90L);
        }

        @Test
        void shouldGiveIdenticalRowsForTheSameStreamShuffledAndDuplicated() {
            String ordered = prefix();
            String shuffled = prefix();
            Instant evening = Instant.parse("2026-11-19T21:00:00Z");
            List<ScriptedSession> orderedFleet = fleet(ordered, evening);
            List<ScriptedSession> shuffledFleet = fleet(shuffled, evening);
            List<ProducerRecord<String, byte[]>> mixed = new ArrayList<>(records(shuffledFleet));
            mixed.addAll(records(shuffledFleet));
            Collections.shuffle(mixed, new Random(42));

            stream().send(records(orderedFleet));
            stream().send(mixed);

            await().atMost(WAIT)
                    .until(() -> sampleCount(ordered) == expectedSamples(orderedFleet)
                            && sampleCount(shuffled) == expectedSamples(shuffledFleet)
                            && rows(ordered).equals(rows(shuffled)));
            assertThat(rows(shuffled)).hasSize(5).isEqualTo(rows(ordered));
        }
    }

    @Nested
    class LateData {

        @Test
        void shouldAmendASessionWhenItsBacklogArrivesLateAndPublishTheNewRevision() {
            String device = prefix() + "-d";
            String user = "user-" + UUID.randomUUID();
            Instant evening = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
            pair(device, user, evening.minus(Duration.ofDays(1)));
            ScriptedSession whole = ScriptedSession.of(device, "s-42", evening, 1, 300);
            Set<Integer> offline =
                    Set.copyOf(IntStream.rangeClosed(101, 200).boxed().toList());
            List<Object> payloads = whole.payloads();
            List<Object> live = payloads.stream()
                    .filter(p -> !isSampleOf(p, offline, whole))
                    .toList();
            List<Object> backlog =
                    payloads.stream().filter(p -> isSampleOf(p, offline, whole)).toList();
            assertThat(backlog).hasSize(100);

            try (TopicReader published = new TopicReader(bootstrapServers, KafkaTopics.SESSIONS, user::equals)) {
                stream().send(live.stream().map(p -> stream().record(device, p)).toList());
                await().atMost(WAIT)
                        .until(() -> summaries(published).stream()
                                .anyMatch(s -> s.sampleCount() == 200
                                        && s.status().name().equals("ENDED")));
                SessionSummary before = latest(summaries(published));
                assertThat(before.gapCount()).isEqualTo(1);
                assertThat(before.gapSeconds()).isEqualTo(100);
                assertThat(before.userId()).isEqualTo(user);
                assertThat(before.timeZone().getId()).isEqualTo("Europe/Berlin");

                // hours later, the device uploads what it buffered while offline
                stream()
                        .send(backlog.stream()
                                .map(p -> stream().record(device, p))
                                .toList());

                await().atMost(WAIT).until(() -> latest(summaries(published)).sampleCount() == 300);
                SessionSummary after = latest(summaries(published));
                // one new revision per batch the backlog arrived in, each published
                assertThat(after.revision()).isGreaterThan(before.revision());
                assertThat(summaries(published))
                        .extracting(SessionSummary::revision)
                        .as("every revision, in order")
                        .containsSequence(LongStream.rangeClosed(1, after.revision())
                                .boxed()
                                .toList());
                assertThat(after.sessionId()).isEqualTo(before.sessionId());
                assertThat(after.gapCount()).isZero();
                assertThat(after.startedAt()).isEqualTo(evening);
                assertThat(jdbc.sql("select revision from sessions where session_id = ?")
                                .param(after.sessionId())
                                .query(Long.class)
                                .single())
                        .isEqualTo(after.revision());
            }
        }

        @Test
        void shouldCloseAQuietSessionAsIncompleteAndReopenItWhenLateDataArrives() {
            String device = prefix() + "-q";
            String user = "user-" + UUID.randomUUID();
            Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
            pair(device, user, start.minus(Duration.ofDays(1)));
            ScriptedSession session =
                    ScriptedSession.of(device, "s-9", start, 1, 60).withoutEnd();
            List<Object> payloads = session.payloads();

            try (TopicReader published = new TopicReader(bootstrapServers, KafkaTopics.SESSIONS, user::equals)) {
                stream()
                        .send(payloads.subList(0, 40).stream()
                                .map(p -> stream().record(device, p))
                                .toList());
                await().atMost(WAIT).until(() -> status(device).equals("OPEN") && samples(device) == 38);

                // an hour without data: the quiet period (10 minutes) has passed
                building.closeQuiet(Instant.now().plus(Duration.ofHours(1)));
                assertThat(status(device)).isEqualTo("INCOMPLETE");

                stream()
                        .send(payloads.subList(40, payloads.size()).stream()
                                .map(p -> stream().record(device, p))
                                .toList());
                await().atMost(WAIT).until(() -> status(device).equals("OPEN") && samples(device) == 60);

                await().atMost(WAIT).until(() -> summaries(published).size() >= 3);
                assertThat(summaries(published))
                        .extracting(s -> s.revision() + ":" + s.status())
                        .containsSubsequence("2:INCOMPLETE", "3:OPEN");
                SessionSummary incomplete = summaries(published).stream()
                        .filter(s -> s.revision() == 2)
                        .findFirst()
                        .orElseThrow();
                assertThat(incomplete.endedAt())
                        .as("the last data's device time")
                        .isNotNull();
            }
        }

        private boolean isSampleOf(Object payload, Set<Integer> numbers, ScriptedSession session) {
            return payload instanceof dev.massager.common.device.TelemetrySample sample
                    && numbers.contains((int)
                            (sample.ts().getEpochSecond() - session.start().getEpochSecond()));
        }
    }

    @Nested
    class Failures {

        @Test
        void shouldDeadLetterAPoisonRecordAndGoOnWithTheRecordsAfterIt() {
            String device = prefix() + "-p";
            ScriptedSession session =
                    ScriptedSession.of(device, "s-1", Instant.now().minusSeconds(3600), 1, 50);
            List<ProducerRecord<String, byte[]>> records = records(List.of(session));
            byte[] poison =
                    ("{\"v\":1,\"seq\":\"not a number\",\"ts\":\"2026-11-21T21:14:03.250Z\",\"session\":\"s-1\","
                                    + "\"mode\":\"WAVE\",\"intensity\":2,\"heat\":\"LOW\","
                                    + "\"pressure\":{\"foot\":42,\"calf\":58,\"thigh\":51},\"battery\":81}")
                            .getBytes(StandardCharsets.UTF_8);

            try (TopicReader deadLetters =
                    new TopicReader(bootstrapServers, KafkaTopics.deadLetter(KafkaTopics.TELEMETRY), device::equals)) {
                stream().send(records.subList(0, 20));
                stream().sendRaw(KafkaTopics.TELEMETRY, device, poison);
                stream().send(records.subList(20, records.size()));

                await().atMost(WAIT)
                        .until(() -> samples(device) == 50 && status(device).equals("ENDED"));
                await().atMost(WAIT).until(() -> deadLetters.poll().size() == 1);
                ConsumerRecord<String, byte[]> dead = deadLetters.poll().get(0);
                assertThat(dead.value()).isEqualTo(poison);
                assertThat(header(dead, "kafka_dlt-exception-message"))
                        .contains("WRONG_TYPE")
                        .contains("/seq");
                assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(KafkaTopics.TELEMETRY);
            }
        }

        @Test
        void shouldLoseAndDoubleNothingWhenTheConsumerStopsMidStream() {
            String prefix = prefix();
            List<ScriptedSession> fleet = fleet(prefix, Instant.parse("2026-11-18T20:00:00Z"));
            List<ProducerRecord<String, byte[]>> records = records(fleet);
            var container = listeners.getListenerContainer("session-builder");

            stream().send(records.subList(0, records.size() / 2));
            await().atMost(WAIT).until(() -> sampleCount(prefix) > 0);
            container.stop();
            stream().send(records.subList(records.size() / 2, records.size()));
            // and the first half once more, as a producer retrying after a timeout would
            stream().send(records.subList(0, records.size() / 2));
            container.start();

            await().atMost(WAIT)
                    .until(() -> sampleCount(prefix) == expectedSamples(fleet)
                            && rows(prefix).stream()
                                            .filter(row -> row.get("status").equals("ENDED"))
                                            .count()
                                    == 4);
            assertThat(rows(prefix)).hasSize(5);
        }

        @Test
        void shouldPauseWhileTheDatabaseIsAwayAndResumeWithoutLosingAnything() throws Exception {
            String prefix = prefix();
            List<ScriptedSession> fleet = fleet(prefix, Instant.parse("2026-11-17T20:00:00Z"));
            Map<Meter.Id, Double> failuresBefore = listenerFailures();

            try (TopicReader deadLetters = new TopicReader(
                            bootstrapServers,
                            KafkaTopics.deadLetter(KafkaTopics.TELEMETRY),
                            key -> key.startsWith(prefix));
                    Connection admin = adminConnection()) {
                try {
                    admin.createStatement().execute("alter database sessions allow_connections false");
                    admin.createStatement()
                            .execute("select pg_terminate_backend(pid) from pg_stat_activity"
                                    + " where datname = 'sessions' and pid <> pg_backend_pid()");

                    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(records(fleet));
                    records.add(records.size() / 2, new ProducerRecord<>(KafkaTopics.TELEMETRY, prefix + "-a", POISON));
                    stream().send(records);
                    // more failed deliveries than a poison record gets before it is dead-lettered
                    await().atMost(Duration.ofMinutes(2))
                            .until(() -> mostFailuresSince(failuresBefore) > FAILED_DELIVERIES_OF_A_POISON_RECORD);
                } finally {
                    admin.createStatement().execute("alter database sessions allow_connections true");
                }

                await().atMost(WAIT).until(() -> sampleCount(prefix) == expectedSamples(fleet));
                assertThat(rows(prefix)).hasSize(5);
                assertThat(deadLetters.readToEnd())
                        .as("only the poison record dead-lettered")
                        .singleElement()
                        .satisfies(dead -> assertThat(dead.value()).isEqualTo(POISON));
            }
        }

        /** Failed deliveries so far, per consumer thread and exception: each thread retries its own records. */
        private Map<Meter.Id, Double> listenerFailures() {
            return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                    .collect(Collectors.toMap(Timer::getId, timer -> (double) timer.count()));
        }

        /** The most failed deliveries one consumer thread had since {@code before}. */
        private double mostFailuresSince(Map<Meter.Id, Double> before) {
            return listenerFailures().entrySet().stream()
                    .mapToDouble(now -> now.getValue() - before.getOrDefault(now.getKey(), 0.0))
                    .max()
                    .orElse(0);
        }

        private Connection adminConnection() throws Exception {
            String url = databaseUrl.replaceFirst("/sessions(\\?|$)", "/postgres$1");
            return DriverManager.getConnection(url, databaseUser, databasePassword);
        }
    }

    private void pair(String device, String user, Instant pairedAt) {
        jdbc.sql("insert into users (user_id, time_zone) values (?, 'Europe/Berlin')")
                .param(user)
                .update();
        jdbc.sql("insert into user_time_zones (user_id, time_zone, effective_from) values (?, 'Europe/Berlin', ?)")
                .params(user, java.sql.Timestamp.from(pairedAt.minus(Duration.ofDays(1))))
                .update();
        jdbc.sql("insert into devices (device_id, pairing_code_hash) values (?, 'hash')")
                .param(device)
                .update();
        jdbc.sql("insert into device_pairings (device_id, user_id, paired_at) values (?, ?, ?)")
                .params(device, user, java.sql.Timestamp.from(pairedAt))
                .update();
    }

    private String status(String device) {
        return jdbc.sql("select coalesce(max(status), 'NONE') from sessions where device_id = ?")
                .param(device)
                .query(String.class)
                .single();
    }

    private long samples(String device) {
        return jdbc.sql("select coalesce(sum(sample_count), 0) from sessions where device_id = ?")
                .param(device)
                .query(Long.class)
                .single();
    }

    private List<SessionSummary> summaries(TopicReader reader) {
        return reader.poll().stream()
                .map(record -> codec.decode(record.value(), SessionSummary.class))
                .toList();
    }

    private static SessionSummary latest(List<SessionSummary> summaries) {
        return summaries.stream()
                .max((a, b) -> Long.compare(a.revision(), b.revision()))
                .orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
