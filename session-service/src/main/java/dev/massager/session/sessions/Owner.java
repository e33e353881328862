package dev.massager.session.sessions;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Whose a session is: the user the device was paired to when it started, and that user's time zone then.
 *
 * @param userId the user
 * @param timeZone the user's zone when the session started, which decides its night
 */
public record Owner(String userId, ZoneId timeZone) {

    public Owner {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timeZone, "timeZone");
    }
}
