package dev.massager.gateway.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages received but not yet safely in Kafka. Bounded by the brokers' receive maximum times the
 * connections, so scanning it for the oldest entry is cheap.
 */
public final class InFlight {

    private final Map<Long, Long> startedAt = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();

    long begin() {
        long ticket = tickets.incrementAndGet();
        startedAt.put(ticket, System.nanoTime());
        return ticket;
    }

    /** How long the message of {@code ticket} was in flight. */
    Duration end(long ticket) {
        Long started = startedAt.remove(ticket);
        return started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }

    /** How many messages wait for Kafka. */
    public int count() {
        return startedAt.size();
    }

    /** How long the oldest message has waited for Kafka; zero when none waits. */
    public Duration oldest() {
        long now = System.nanoTime();
        return startedAt.values().stream().mapToLong(started -> now - started).max().stream()
                .mapToObj(Duration::ofNanos)
                .findFirst()
                .orElse(Duration.ZERO);
    }
}
