package dev.massager.session.users;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A user chose their time zone for the first time, and it differs from the placeholder they were created with: from
 * now on every time before the choice is in {@code zone}, so what was stored in the placeholder zone is out of date.
 * Published inside the transaction of the choice; listeners correct their data in it.
 *
 * @param userId the user
 * @param zone the chosen zone, now also the zone of all earlier times
 */
public record FirstTimeZoneChosen(String userId, ZoneId zone) {

    public FirstTimeZoneChosen {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(zone, "zone");
    }
}
