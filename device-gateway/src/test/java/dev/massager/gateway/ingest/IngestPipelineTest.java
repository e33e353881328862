package dev.massager.gateway.ingest;

import static dev.massager.gateway.ingest.Payloads.BATCH;
import static dev.massager.gateway.ingest.Payloads.EVENT;
import static dev.massager.gateway.ingest.Payloads.SAMPLE;
import static dev.massager.gateway.ingest.Payloads.STATUS;
import static dev.massager.gateway.ingest.Payloads.bytes;
import static dev.massager.gateway.ingest.Payloads.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

import dev.massager.common.RejectReason;
import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.ingest.IngestHeaders;
import dev.massager.common.ingest.RejectedMessage;
import dev.massager.common.topic.KafkaTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The pipeline against a {@link MockProducer} that completes nothing on its own: every test decides when, and
 * whether, Kafka acknowledges a record, and {@link MockProducer#completeNext()} runs the callbacks on the test thread,
 * so no test needs to wait.
 */
class IngestPipelineTest {

    private static final PayloadCodec CODEC = new PayloadCodec();

    private static final String DEVICE = "m-0042";
    private static final String TELEMETRY = "massagers/m-0042/telemetry";
    private static final String EVENTS = "massagers/m-0042/events";
    private static final String STATUS_TOPIC = "massagers/m-0042/status";
    private static final String GATEWAY = "gateway-7";

    private static final Instant NOW = Instant.parse("2026-11-21T21:14:03.311Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final ClockSkewBounds BOUNDS = new ClockSkewBounds(Duration.ofMinutes(5), Duration.ofDays(7));

    private final MockProducer<String, byte[]> producer = mockProducer(new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestPipeline pipeline = pipeline(producer);

    private static MockProducer<String, byte[]> mockProducer(ByteArraySerializer valueSerializer) {
        return new MockProducer<>(false, null, new StringSerializer(), valueSerializer);
    }

    /**
     * A template over {@code mock}. Not a bare lambda factory: outside a transaction the template closes its producer
     * once a send completes, and a closed {@link MockProducer} refuses every later send. The default factory wraps
     * the producer in its close-safe proxy, as in production.
     */
    private IngestPipeline pipeline(MockProducer<String, byte[]> mock) {
        ProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(Map.of()) {
            @Override
            protected Producer<String, byte[]> createRawProducer(Map<String, Object> configs) {
                return mock;
            }
        };
        return new IngestPipeline(
                new IngestMapping(CODEC, BOUNDS, GATEWAY), new KafkaTemplate<>(factory), CLOCK, meters);
    }

    /** Records every outcome reported to it, so a second report cannot go unnoticed. */
    private static final class Outcomes implements Consumer<Boolean> {

        private final List<Boolean> reported = new CopyOnWriteArrayList<>();

        @Override
        public void accept(Boolean done) {
            reported.add(done);
        }

        List<Boolean> reported() {
            return reported;
        }
    }

    private Outcomes ingest(String topic, byte[] payload) {
        Outcomes outcomes = new Outcomes();
        pipeline.ingest(topic, payload, outcomes);
        return outcomes;
    }

    private void completeAll() {
        while (producer.completeNext()) {
            // the callbacks run on this thread
        }
    }

    private double count(String name, String tag, String value) {
        Counter counter = meters.find(name).tag(tag, value).counter();
        assertThat(counter).as("%s{%s=%s}", name, tag, value).isNotNull();
        return counter.count();
    }

    private double received(String kind) {
        return count("gateway.messages.received", "kind", kind);
    }

    private double rejected(RejectReason reason) {
        return count("gateway.messages.rejected", "reason", reason.name());
    }

    /** Zero until the first record of {@code topic} is acknowledged, when the counter first appears. */
    private double produced(String topic) {
        Counter counter =
                meters.find("gateway.records.produced").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    private double produceFailures() {
        Counter counter = meters.find("gateway.produce.failures").counter();
        assertThat(counter).isNotNull();
        return counter.count();
    }

    private double inFlightGauge() {
        Gauge gauge = meters.find("gateway.messages.in-flight").gauge();
        assertThat(gauge).isNotNull();
        return gauge.value();
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    @Nested
    class Acknowledgement {

        @Test
        void shouldNotReportDoneUntilKafkaAcknowledgedTheRecordOfASample() {
            Outcomes outcomes = ingest(TELEMETRY, bytes(SAMPLE));

            assertThat(producer.history()).as("sent, not yet acknowledged").hasSize(1);
            assertThat(outcomes.reported()).isEmpty();

            assertThat(producer.completeNext()).isTrue();

            assertThat(outcomes.reported()).containsExactly(true);
        }

        @Test
        void shouldNotReportDoneUntilKafkaAcknowledgedEveryRecordOfABatch() {
            Outcomes outcomes = ingest(TELEMETRY, bytes(BATCH));

            assertThat(producer.history()).hasSize(3);
            assertThat(outcomes.reported()).isEmpty();

            producer.completeNext();
            assertThat(outcomes.reported()).as("one of three acknowledged").isEmpty();

            producer.completeNext();
            assertThat(outcomes.reported()).as("two of three acknowledged").isEmpty();

            producer.completeNext();
            assertThat(outcomes.reported()).as("all three acknowledged").containsExactly(true);
        }

        @Test
        void shouldReportDoneExactlyOnceForABatch() {
            Outcomes outcomes = ingest(TELEMETRY, bytes(BATCH));

            completeAll();

            assertThat(outcomes.reported()).containsExactly(true);
            assertThat(producer.completeNext())
                    .as("nothing left to acknowledge")
                    .isFalse();
            assertThat(outcomes.reported()).containsExactly(true);
        }

        @Test
        void shouldSendEverySampleOfABatchInOrderKeyedByTheDeviceId() {
            ingest(TELEMETRY, bytes(BATCH));

            assertThat(producer.history())
                    .extracting(ProducerRecord::topic, ProducerRecord::key)
                    .containsExactly(
                            tuple(KafkaTopics.TELEMETRY, DEVICE),
                            tuple(KafkaTopics.TELEMETRY, DEVICE),
                            tuple(KafkaTopics.TELEMETRY, DEVICE));
            assertThat(producer.history())
                    .extracting(record ->
                            CODEC.decodeTelemetry(record.value()).get(0).seq())
                    .containsExactly(2001L, 2002L, 2003L);
        }

        @Test
        void shouldStampTheRecordWithTheReceiveTimeOfTheClock() {
            ingest(TELEMETRY, bytes(SAMPLE));

            assertThat(producer.history()).singleElement().satisfies(record -> {
                assertThat(header(record.headers(), IngestHeaders.RECEIVED_AT)).isEqualTo(NOW.toString());
                assertThat(header(record.headers(), IngestHeaders.MQTT_TOPIC)).isEqualTo(TELEMETRY);
                assertThat(header(record.headers(), IngestHeaders.GATEWAY_INSTANCE))
                        .isEqualTo(GATEWAY);
            });
        }

        @Test
        void shouldProduceAnEventAndAStatusToTheirOwnTopics() {
            Outcomes event = ingest(EVENTS, bytes(EVENT));
            Outcomes status = ingest(STATUS_TOPIC, bytes(STATUS));

            assertThat(producer.history())
                    .extracting(ProducerRecord::topic)
                    .containsExactly(KafkaTopics.DEVICE_EVENTS, KafkaTopics.DEVICE_STATUS);

            producer.completeNext();
            assertThat(event.reported()).containsExactly(true);
            assertThat(status.reported()).isEmpty();

            producer.completeNext();
            assertThat(status.reported()).containsExactly(true);
            assertThat(event.reported()).containsExactly(true);
        }

        @Test
        void shouldReportEachMessageToItsOwnCallbackOnly() {
            Outcomes first = ingest(TELEMETRY, bytes(SAMPLE));
            Outcomes second = ingest(TELEMETRY, bytes(BATCH));

            producer.completeNext();
            assertThat(first.reported()).containsExactly(true);
            assertThat(second.reported()).isEmpty();

            completeAll();
            assertThat(first.reported()).containsExactly(true);
            assertThat(second.reported()).containsExactly(true);
        }
    }

    @Nested
    class Failures {

        @Test
        void shouldReportNotDoneWhenKafkaRefusesTheRecordOfASample() {
            Outcomes outcomes = ingest(TELEMETRY, bytes(SAMPLE));
            RuntimeException refused = new RuntimeException("not leader");

            producer.errorNext(refused);

            assertThat(outcomes.reported()).containsExactly(false);
            assertThat(pipeline.lastFailure()).isNotNull();
            assertThat(pipeline.lastFailure()).hasRootCause(refused);
        }

        @ParameterizedTest(name = "record {0} of 3 refused")
        @ValueSource(ints = {0, 1, 2})
        void shouldReportNotDoneExactlyOnceWhenKafkaRefusesAnyOneRecordOfABatch(int refused) {
            Outcomes outcomes = ingest(TELEMETRY, bytes(BATCH));

            for (int i = 0; i < 3; i++) {
                if (i == refused) {
                    producer.errorNext(new RuntimeException());
                } else {
                    producer.completeNext();
                }
                if (i < 2) {
                    assertThat(outcomes.reported())
                            .as("reported with %d of 3 records settled", i + 1)
                            .isEmpty();
                }
            }

            assertThat(outcomes.reported()).containsExactly(false);
            assertThat(pipeline.lastFailure()).isNotNull();
        }

        @Test
        void shouldReportNotDoneOnceWhenKafkaRefusesSeveralRecordsOfABatch() {
            Outcomes outcomes = ingest(TELEMETRY, bytes(BATCH));

            producer.errorNext(new RuntimeException("first"));
            producer.errorNext(new RuntimeException("second"));
            producer.errorNext(new RuntimeException("third"));

            assertThat(outcomes.reported()).containsExactly(false);
        }

        @Test
        void shouldHaveNoFailureBeforeTheFirst() {
            ingest(TELEMETRY, bytes(SAMPLE));

            assertThat(pipeline.lastFailure()).isNull();
            producer.completeNext();
            assertThat(pipeline.lastFailure()).isNull();
        }

        @Test
        void shouldClearTheLastFailureOnTheNextSuccess() {
            Outcomes failed = ingest(TELEMETRY, bytes(SAMPLE));
            producer.errorNext(new RuntimeException());
            assertThat(pipeline.lastFailure()).isNotNull();

            Outcomes redelivered = ingest(TELEMETRY, bytes(SAMPLE));
            assertThat(pipeline.lastFailure())
                    .as("kept while the next message waits")
                    .isNotNull();
            producer.completeNext();

            assertThat(pipeline.lastFailure()).isNull();
            assertThat(failed.reported()).containsExactly(false);
            assertThat(redelivered.reported()).containsExactly(true);
        }

        @Test
        void shouldKeepTheLatestOfSeveralFailures() {
            ingest(TELEMETRY, bytes(SAMPLE));
            ingest(TELEMETRY, bytes(SAMPLE));
            RuntimeException first = new RuntimeException("first");
            RuntimeException second = new RuntimeException("second");

            producer.errorNext(first);
            producer.errorNext(second);

            assertThat(pipeline.lastFailure()).hasRootCause(second);
        }

        @Test
        void shouldReportNotDoneWithoutThrowingWhenTheSendItselfThrows() {
            KafkaException unavailable = new KafkaException("metadata not available within max.block.ms");
            producer.sendException = unavailable;
            Outcomes outcomes = new Outcomes();

            assertThatNoException().isThrownBy(() -> pipeline.ingest(TELEMETRY, bytes(SAMPLE), outcomes));

            assertThat(outcomes.reported()).containsExactly(false);
            assertThat(pipeline.lastFailure()).isNotNull();
            assertThat(pipeline.inFlight().count()).isZero();
            assertThat(produceFailures()).isEqualTo(1);
        }

        @Test
        void shouldReportNotDoneOnceWhenALaterRecordOfABatchCannotBeSent() {
            AtomicInteger serialized = new AtomicInteger();
            MockProducer<String, byte[]> failingSecond = mockProducer(new ByteArraySerializer() {
                @Override
                public byte[] serialize(String topic, byte[] data) {
                    if (serialized.incrementAndGet() == 2) {
                        throw new KafkaException("record too large");
                    }
                    return super.serialize(topic, data);
                }
            });
            IngestPipeline failing = pipeline(failingSecond);
            Outcomes outcomes = new Outcomes();

            assertThatNoException().isThrownBy(() -> failing.ingest(TELEMETRY, bytes(BATCH), outcomes));

            assertThat(outcomes.reported()).containsExactly(false);
            assertThat(failingSecond.history())
                    .as("the first record went out before")
                    .hasSize(1);

            failingSecond.completeNext();

            assertThat(outcomes.reported())
                    .as("the first record acknowledged afterwards")
                    .containsExactly(false);
            assertThat(failing.inFlight().count()).isZero();
        }
    }

    @Nested
    class DeadLetters {

        @Test
        void shouldProduceABadPayloadToTheRejectedTopicAndReportDoneOnceItIsInKafka() {
            byte[] payload = utf8("ONLINE");

            Outcomes outcomes = ingest(TELEMETRY, payload);

            assertThat(producer.history()).singleElement().satisfies(record -> {
                assertThat(record.topic()).isEqualTo(KafkaTopics.INGEST_REJECTED);
                assertThat(record.topic()).isEqualTo("massager.ingest-rejected.v1");
                assertThat(record.key()).isEqualTo(DEVICE);
                RejectedMessage rejected = CODEC.decode(record.value(), RejectedMessage.class);
                assertThat(rejected.reason()).isEqualTo(RejectReason.NOT_JSON);
                assertThat(rejected.payload()).isEqualTo(payload);
                assertThat(rejected.receivedAt()).isEqualTo(NOW);
            });
            assertThat(outcomes.reported()).isEmpty();

            producer.completeNext();

            assertThat(outcomes.reported()).containsExactly(true);
            assertThat(pipeline.lastFailure()).isNull();
        }

        @Test
        void shouldProduceAMessageOnAnUnknownTopicToTheRejectedTopic() {
            Outcomes outcomes = ingest("massagers/m-0042/firmware", bytes(SAMPLE));

            assertThat(producer.history())
                    .singleElement()
                    .extracting(ProducerRecord::topic)
                    .isEqualTo(KafkaTopics.INGEST_REJECTED);

            producer.completeNext();

            assertThat(outcomes.reported()).containsExactly(true);
        }

        @Test
        void shouldReportNotDoneWhenKafkaRefusesTheDeadLetter() {
            Outcomes outcomes = ingest(TELEMETRY, new byte[0]);

            producer.errorNext(new RuntimeException());

            assertThat(outcomes.reported()).containsExactly(false);
            assertThat(pipeline.lastFailure()).isNotNull();
        }

        @Test
        void shouldProduceNoSampleOfABatchWithOneBadSample() {
            byte[] payload = Payloads.with(BATCH, "/samples/1/pressure/foot", "-1");

            Outcomes outcomes = ingest(TELEMETRY, payload);

            assertThat(producer.history())
                    .singleElement()
                    .extracting(ProducerRecord::topic)
                    .isEqualTo(KafkaTopics.INGEST_REJECTED);
            producer.completeNext();
            assertThat(outcomes.reported()).containsExactly(true);
        }
    }

    @Nested
    class MessagesInFlight {

        @Test
        void shouldStartWithNoMessageInFlight() {
            assertThat(pipeline.inFlight().count()).isZero();
            assertThat(inFlightGauge()).isZero();
        }

        @Test
        void shouldCountAMessageInFlightUntilKafkaAcknowledgedEveryRecord() {
            ingest(TELEMETRY, bytes(BATCH));

            assertThat(pipeline.inFlight().count()).isEqualTo(1);
            producer.completeNext();
            producer.completeNext();
            assertThat(pipeline.inFlight().count()).isEqualTo(1);

            producer.completeNext();

            assertThat(pipeline.inFlight().count()).isZero();
        }

        @Test
        void shouldCountEveryWaitingMessage() {
            ingest(TELEMETRY, bytes(SAMPLE));
            ingest(EVENTS, bytes(EVENT));
            ingest(TELEMETRY, utf8("not json"));

            assertThat(pipeline.inFlight().count()).isEqualTo(3);
            assertThat(inFlightGauge()).isEqualTo(3);

            producer.completeNext();
            assertThat(pipeline.inFlight().count()).isEqualTo(2);
            assertThat(inFlightGauge()).isEqualTo(2);

            completeAll();
            assertThat(pipeline.inFlight().count()).isZero();
            assertThat(inFlightGauge()).isZero();
        }

        @Test
        void shouldStopCountingAMessageOnceKafkaRefusedIt() {
            ingest(TELEMETRY, bytes(SAMPLE));
            assertThat(pipeline.inFlight().count()).isEqualTo(1);

            producer.errorNext(new RuntimeException());

            assertThat(pipeline.inFlight().count()).isZero();
            assertThat(inFlightGauge()).isZero();
        }

        @Test
        void shouldSayHowLongTheOldestMessageWaits() {
            ingest(TELEMETRY, bytes(SAMPLE));

            assertThat(pipeline.inFlight().oldest()).isPositive();

            producer.completeNext();

            assertThat(pipeline.inFlight().oldest()).isZero();
        }
    }

    @Nested
    class Metrics {

        @Test
        void shouldRegisterEveryCounterAtZeroBeforeTheFirstMessage() {
            assertThat(received("telemetry")).isZero();
            assertThat(received("events")).isZero();
            assertThat(received("status")).isZero();
            assertThat(received("unknown")).isZero();
            for (RejectReason reason : RejectReason.values()) {
                assertThat(rejected(reason)).as(reason.name()).isZero();
            }
            assertThat(produceFailures()).isZero();
        }

        @Test
        void shouldCountReceivedMessagesByKindOnArrival() {
            ingest(TELEMETRY, bytes(BATCH));
            ingest(TELEMETRY, bytes(SAMPLE));
            ingest(EVENTS, bytes(EVENT));
            ingest(STATUS_TOPIC, bytes(STATUS));

            assertThat(received("telemetry")).as("a batch is one message").isEqualTo(2);
            assertThat(received("events")).isEqualTo(1);
            assertThat(received("status")).isEqualTo(1);
            assertThat(received("unknown")).isZero();
        }

        @Test
        void shouldCountAMessageOnATopicOfNoKnownLayoutAsUnknown() {
            ingest("massagers/m-0042/firmware", bytes(SAMPLE));
            ingest("massagers/m_0042/telemetry", bytes(SAMPLE));

            assertThat(received("unknown")).isEqualTo(2);
            assertThat(received("telemetry")).isZero();
            assertThat(rejected(RejectReason.UNKNOWN_TOPIC)).isEqualTo(1);
            assertThat(rejected(RejectReason.INVALID_DEVICE_ID)).isEqualTo(1);
        }

        @Test
        void shouldCountARejectedMessageByReasonAndByKind() {
            ingest(TELEMETRY, utf8("ONLINE"));
            ingest(EVENTS, utf8(" \n\t "));
            ingest(STATUS_TOPIC, new byte[0]);
            ingest(TELEMETRY, bytes(EVENT));

            assertThat(rejected(RejectReason.NOT_JSON)).isEqualTo(1);
            assertThat(rejected(RejectReason.EMPTY)).isEqualTo(2);
            assertThat(rejected(RejectReason.TOPIC_MISMATCH)).isEqualTo(1);
            assertThat(rejected(RejectReason.MISSING_FIELD)).isZero();
            assertThat(received("telemetry")).isEqualTo(2);
            assertThat(received("events")).isEqualTo(1);
            assertThat(received("status")).isEqualTo(1);
        }

        @Test
        void shouldNotCountAnAcceptedMessageAsRejected() {
            ingest(TELEMETRY, bytes(BATCH));
            completeAll();

            for (RejectReason reason : RejectReason.values()) {
                assertThat(rejected(reason)).as(reason.name()).isZero();
            }
        }

        @Test
        void shouldCountProducedRecordsByTopicOnlyOnceKafkaAcknowledgedThem() {
            ingest(TELEMETRY, bytes(BATCH));
            ingest(EVENTS, bytes(EVENT));
            ingest(TELEMETRY, utf8("ONLINE"));

            assertThat(produced(KafkaTopics.TELEMETRY)).isZero();

            producer.completeNext();
            assertThat(produced(KafkaTopics.TELEMETRY)).isEqualTo(1);

            completeAll();
            assertThat(produced(KafkaTopics.TELEMETRY)).as("one per sample").isEqualTo(3);
            assertThat(produced(KafkaTopics.DEVICE_EVENTS)).isEqualTo(1);
            assertThat(produced(KafkaTopics.INGEST_REJECTED)).isEqualTo(1);
            assertThat(produced(KafkaTopics.DEVICE_STATUS)).isZero();
        }

        @Test
        void shouldNotCountARecordKafkaRefusedAsProduced() {
            ingest(TELEMETRY, bytes(BATCH));

            producer.completeNext();
            producer.errorNext(new RuntimeException());
            producer.completeNext();

            assertThat(produced(KafkaTopics.TELEMETRY)).isEqualTo(2);
        }

        @Test
        void shouldCountOneProduceFailurePerMessageNotPerRecord() {
            ingest(TELEMETRY, bytes(BATCH));
            ingest(TELEMETRY, bytes(SAMPLE));

            producer.errorNext(new RuntimeException());
            producer.errorNext(new RuntimeException());
            producer.completeNext();
            assertThat(produceFailures()).isEqualTo(1);

            producer.errorNext(new RuntimeException());
            assertThat(produceFailures()).isEqualTo(2);
        }

        @Test
        void shouldCountNoProduceFailureWhenKafkaTakesEverything() {
            ingest(TELEMETRY, bytes(BATCH));
            ingest(TELEMETRY, utf8("ONLINE"));
            completeAll();

            assertThat(produceFailures()).isZero();
        }

        @Test
        void shouldRecordTheProduceLatencyOncePerMessageWhateverItsOutcome() {
            ingest(TELEMETRY, bytes(BATCH));
            ingest(TELEMETRY, bytes(SAMPLE));
            Timer latency = meters.find("gateway.produce.latency").timer();
            assertThat(latency).isNotNull();
            assertThat(latency.count()).isZero();

            producer.completeNext();
            producer.completeNext();
            assertThat(latency.count()).as("no message settled yet").isZero();
            producer.completeNext();
            assertThat(latency.count()).isEqualTo(1);
            producer.errorNext(new RuntimeException());
            assertThat(latency.count()).isEqualTo(2);
        }
    }
}
