package dev.massager.gateway.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a device's {@code ts} may stray from the gateway's receive time before the record is flagged. The two
 * directions differ on purpose: a device uploading its offline backlog sends samples hours or days old, which is
 * normal, while a timestamp in the future can only be a wrong clock. A clock reset to 1970 after a battery swap is
 * caught by the bound behind.
 *
 * @param maxAhead how far in the future of the receive time a timestamp may be
 * @param maxBehind how far in the past of the receive time a timestamp may be
 */
public record ClockSkewBounds(Duration maxAhead, Duration maxBehind) {

    public ClockSkewBounds {
        Objects.requireNonNull(maxAhead, "maxAhead");
        Objects.requireNonNull(maxBehind, "maxBehind");
        if (maxAhead.isNegative() || maxBehind.isNegative()) {
            throw new IllegalArgumentException("clock skew bounds must not be negative");
        }
    }

    /** Whether {@code deviceTime} lies outside the bounds around {@code receivedAt}. */
    boolean isSkewed(Instant deviceTime, Instant receivedAt) {
        // Comparing durations rather than shifted instants: any bound works, even one beyond Instant's range. Each
        // direction is its own between(): Duration.negated() multiplies through BigDecimal, for every record.
        return Duration.between(receivedAt, deviceTime).compareTo(maxAhead) > 0
                || Duration.between(deviceTime, receivedAt).compareTo(maxBehind) > 0;
    }
}
