package dev.massager.simulator.fleet;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An evening session as the user runs it, in true time; the device's clock may say otherwise.
 *
 * @param id the device's own session id
 * @param start when the user pressed start
 * @param timerMin the timer chosen, 10, 15 or 20 minutes
 * @param settings the settings at the start
 * @param changes the user's changes during the session, in order
 * @param length how long it runs until it ends for {@code endReason}
 * @param endReason why it ends, unless the battery runs out first
 * @param fault the fault that ends it, with {@code endReason} FAULT
 * @param offline whether the device has no connection during the session and uploads it later
 */
public record PlannedSession(
        String id,
        Instant start,
        int timerMin,
        Settings settings,
        List<Change> changes,
        Duration length,
        EndReason endReason,
        Optional<FaultCode> fault,
        boolean offline) {

    public PlannedSession {
        changes = List.copyOf(changes);
    }

    public Instant end() {
        return start.plus(length);
    }

    /** Mode, pressure level and heat. */
    public record Settings(Mode mode, int intensity, Heat heat) {}

    /** The user changed the settings {@code after} the start. */
    public record Change(Duration after, Settings settings) {}
}
