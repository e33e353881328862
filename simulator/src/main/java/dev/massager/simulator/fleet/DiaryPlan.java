package dev.massager.simulator.fleet;

import dev.massager.common.diary.Muscle;
import java.time.Instant;
import java.util.List;

/**
 * What the user writes in the diary about a night, and when.
 *
 * @param cramps how many cramps, 0 for an explicit "no cramps"
 * @param severity 0 to 10, 0 with no cramps
 * @param muscles where, empty with no cramps
 * @param wokeUp whether a cramp woke the user
 * @param writtenAt the morning after, when the user opens the app
 */
public record DiaryPlan(int cramps, int severity, List<Muscle> muscles, boolean wokeUp, Instant writtenAt) {

    public DiaryPlan {
        muscles = List.copyOf(muscles);
    }
}
