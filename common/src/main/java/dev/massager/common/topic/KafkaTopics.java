package dev.massager.common.topic;

import java.util.List;

/** The Kafka topics of the system; partition counts are configuration, names are contract. */
public final class KafkaTopics {

    /** One record per telemetry sample (batches are split), key: device id. */
    public static final String TELEMETRY = "massager.telemetry.v1";

    /** Device events, key: device id. */
    public static final String DEVICE_EVENTS = "massager.device-events.v1";

    /** Latest status per device, compacted, key: device id. */
    public static final String DEVICE_STATUS = "massager.device-status.v1";

    /** What the gateway refused, key: device id or {@code unknown}. */
    public static final String INGEST_REJECTED = "massager.ingest-rejected.v1";

    /** Session summaries, re-sent with a higher revision when amended, key: user id. */
    public static final String SESSIONS = "massager.sessions.v1";

    /** Cramp diary entries, deletions included, key: user id. */
    public static final String CRAMP_NIGHTS = "massager.cramp-nights.v1";

    /** Erasure requests, key: user id. */
    public static final String USER_ERASURES = "massager.user-erasures.v1";

    /** Suffix of the topic that takes a record its consumer could never process. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private static final List<String> ALL =
            List.of(TELEMETRY, DEVICE_EVENTS, DEVICE_STATUS, INGEST_REJECTED, SESSIONS, CRAMP_NIGHTS, USER_ERASURES);

    private KafkaTopics() {}

    /** The dead-letter topic of {@code topic}, e.g. {@code massager.sessions.v1.dlt}. */
    public static String deadLetter(String topic) {
        if (topic == null || topic.isBlank() || topic.endsWith(DEAD_LETTER_SUFFIX)) {
            throw new IllegalArgumentException("not a source topic: " + topic);
        }
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Every topic above, dead-letter topics excluded. */
    public static List<String> all() {
        return ALL;
    }
}
