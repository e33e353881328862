package dev.massager.session.diary;

import dev.massager.api.problem.BadRequest;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.diary.Muscle;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the user writes about one night.
 *
 * @param cramps how many cramps, 0 meaning explicitly none
 * @param severity the worst one, 0 to 10; 0 when there were none
 * @param muscles where they struck; empty when there were none
 * @param wokeUp whether a cramp woke the user; false when there were none
 * @param note free text, optional
 */
record DiaryEntry(
        @NotNull @Min(0) @Max(CrampNight.MAX_CRAMPS) Integer cramps,
        @NotNull @Min(0) @Max(CrampNight.MAX_SEVERITY) Integer severity,
        @NotNull List<@NotNull Muscle> muscles,
        @NotNull Boolean wokeUp,
        @Size(max = CrampNight.MAX_NOTE_LENGTH) String note) {

    /** The muscles without repeats, in a fixed order. */
    Set<Muscle> muscleSet() {
        return muscles.isEmpty() ? EnumSet.noneOf(Muscle.class) : EnumSet.copyOf(muscles);
    }

    /** Refuses an entry that says there were no cramps and yet describes one. */
    DiaryEntry requireNoneMeansNone() {
        if (cramps == 0) {
            if (severity != 0) {
                throw new BadRequest("severity", "must be 0 when cramps is 0");
            }
            if (!muscles.isEmpty()) {
                throw new BadRequest("muscles", "must be empty when cramps is 0");
            }
            if (wokeUp) {
                throw new BadRequest("wokeUp", "must be false when cramps is 0");
            }
        }
        return this;
    }
}
