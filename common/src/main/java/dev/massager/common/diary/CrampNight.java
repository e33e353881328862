package dev.massager.common.diary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.Require;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * The user's diary entry for one night, keyed by user id on {@code massager.cramp-nights.v1}. Zero cramps
 * means "explicitly none"; a night without any entry is unknown, which is different. A deleted entry is
 * sent again with {@code deleted = true} (see {@link #deletion}); consumers keep the entry with the latest
 * {@code updatedAt} per (user, night).
 *
 * @param eventId unique per publication; consumers use it to drop redeliveries
 * @param userId the owner (the JWT subject)
 * @param night the local date D of the night from D 12:00 to D+1 12:00 in {@code timeZone}
 * @param cramps number of cramps, 0 meaning none
 * @param severity worst cramp, 0 to 10; 0 when there were none
 * @param muscles where cramps struck; empty when there were none
 * @param wokeUp whether a cramp woke the user; false when there were none
 * @param note free text, at most {@value #MAX_NOTE_LENGTH} characters, or {@code null}
 * @param timeZone the user's IANA time zone for that night
 * @param updatedAt when the user last wrote (or deleted) the entry
 * @param deleted whether the user deleted the entry: the night is unknown again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrampNight(
        UUID eventId,
        String userId,
        LocalDate night,
        @JsonProperty(required = true) int cramps,
        @JsonProperty(required = true) int severity,
        Set<Muscle> muscles,
        @JsonProperty(required = true) boolean wokeUp,
        String note,
        ZoneId timeZone,
        Instant updatedAt,
        @JsonProperty(required = true) boolean deleted) {

    public static final int MAX_CRAMPS = 99;
    public static final int MAX_SEVERITY = 10;
    public static final int MAX_NOTE_LENGTH = 1000;

    public CrampNight {
        Require.present(eventId, "eventId");
        Require.userId(userId, "userId");
        Require.present(night, "night");
        Require.between(cramps, 0, MAX_CRAMPS, "cramps");
        Require.between(severity, 0, MAX_SEVERITY, "severity");
        muscles = Require.enumSet(muscles, Muscle.class, "muscles");
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new PayloadException(
                    RejectReason.OUT_OF_RANGE, "/note", "note must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        Require.present(timeZone, "timeZone");
        Require.present(updatedAt, "updatedAt");
        if (cramps == 0) {
            noneMeansNone(severity != 0, "severity");
            noneMeansNone(!muscles.isEmpty(), "muscles");
            noneMeansNone(wokeUp, "wokeUp");
        }
    }

    /** The entry that tells consumers a night's diary entry was deleted. */
    public static CrampNight deletion(
            UUID eventId, String userId, LocalDate night, ZoneId timeZone, Instant deletedAt) {
        return new CrampNight(eventId, userId, night, 0, 0, Set.of(), false, null, timeZone, deletedAt, true);
    }

    /** Whether the user reported no cramps at all that night (and did not delete the entry). */
    public boolean crampFree() {
        return !deleted && cramps == 0;
    }

    private static void noneMeansNone(boolean contradicts, String name) {
        if (contradicts) {
            throw new PayloadException(
                    RejectReason.OUT_OF_RANGE, "/" + name, name + " must be empty, zero or false when cramps is 0");
        }
    }
}
