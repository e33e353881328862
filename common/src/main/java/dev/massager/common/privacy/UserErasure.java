package dev.massager.common.privacy;

import dev.massager.common.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A user asked to be forgotten, keyed by user id on {@code massager.user-erasures.v1}. Every consumer
 * removes the user's data and keeps them out of future aggregates; applying it twice is harmless.
 *
 * @param eventId unique per request; consumers use it to drop redeliveries
 * @param userId the user to forget
 * @param requestedAt when the user asked
 */
public record UserErasure(UUID eventId, String userId, Instant requestedAt) {

    public UserErasure {
        Require.present(eventId, "eventId");
        Require.userId(userId, "userId");
        Require.present(requestedAt, "requestedAt");
    }
}
