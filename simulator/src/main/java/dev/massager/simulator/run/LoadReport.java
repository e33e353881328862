package dev.massager.simulator.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a load run achieved.
 *
 * @param startedAt when the measured part began
 * @param devices devices publishing
 * @param targetRate messages per second asked for
 * @param duration the measured part's length
 * @param sent messages published in the measured part
 * @param acknowledged of those, acknowledged by the broker
 * @param achievedRate messages the broker acknowledged within the measured part, per second
 * @param delivered of those sent, found in Kafka
 * @param lost sent but not found in Kafka by the end of the drain: lost, or still queued in the broker for a gateway
 *     that cannot keep up (the broker holds them; a later run finds the gateway still busy with them)
 * @param p50Millis publish-to-Kafka latency, median
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis the highest
 * @param machine where it ran
 */
public record LoadReport(
        Instant startedAt,
        int devices,
        int targetRate,
        Duration duration,
        long sent,
        long acknowledged,
        double achievedRate,
        long delivered,
        long lost,
        double p50Millis,
        double p99Millis,
        double p999Millis,
        double maxMillis,
        Machine machine) {

    /** The figures as a small table in Markdown. */
    public String toMarkdown() {
        return String.format(
                Locale.ROOT,
                """
                | figure | value |
                | --- | --- |
                | started | %s |
                | devices | %d |
                | target rate | %,d messages/s |
                | measured for | %d s |
                | sent / acknowledged by the broker / in Kafka / not in Kafka after the drain | %,d / %,d / %,d / %,d |
                | achieved rate | %,.0f messages/s |
                | publish-to-Kafka latency p50 | %.2f ms |
                | p99 | %.2f ms |
                | p99.9 | %.2f ms |
                | max | %.2f ms |
                | machine | %s |
                """,
                startedAt,
                devices,
                targetRate,
                duration.toSeconds(),
                sent,
                acknowledged,
                delivered,
                lost,
                achievedRate,
                p50Millis,
                p99Millis,
                p999Millis,
                maxMillis,
                machine);
    }
}
