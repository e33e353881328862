package dev.massager.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets per user (Bucket4j): one for all API requests, one for attempts at guessing a secret. The budgets live in this
 * instance's memory, so behind a load balancer of n instances a user gets up to n times the rate; that bounds
 * abuse well enough without a shared store.
 */
final class RateLimits {

    private final Cache<String, Bucket> requests;
    private final Cache<String, Bucket> attempts;
    private final RateLimitProperties properties;
    private final TimeMeter clock;

    RateLimits(RateLimitProperties properties, TimeMeter clock) {
        this.properties = properties;
        this.clock = clock;
        this.requests = cache(
                properties, Duration.ofSeconds(Math.max(60, properties.burst() / properties.requestsPerSecond() + 1)));
        this.attempts = cache(properties, properties.attemptWindow());
    }

    /** Takes one request from {@code userId}'s budget; how long to wait when it is spent. */
    Optional<Duration> request(String userId) {
        return take(requests.get(
                userId,
                id -> bucket(Bandwidth.builder()
                        .capacity(properties.burst())
                        .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())));
    }

    /** Takes one attempt from {@code userId}'s budget; how long to wait when it is spent. */
    Optional<Duration> attempt(String userId) {
        return take(attempts.get(
                userId,
                id -> bucket(Bandwidth.builder()
                        .capacity(properties.attempts())
                        .refillGreedy(properties.attempts(), properties.attemptWindow())
                        .build())));
    }

    private Bucket bucket(Bandwidth limit) {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(clock).build();
    }

    private static Optional<Duration> take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Forgetting a bucket only once it would be full again is the same as keeping it. */
    private static Cache<String, Bucket> cache(RateLimitProperties properties, Duration refillsWithin) {
        return Caffeine.newBuilder()
                .maximumSize(properties.trackedUsers())
                .expireAfterAccess(refillsWithin)
                .build();
    }
}
