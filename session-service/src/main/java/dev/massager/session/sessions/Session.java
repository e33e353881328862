package dev.massager.session.sessions;

import dev.massager.common.session.SessionStatus;
import dev.massager.common.session.SessionSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * One usage session and its life: open while data comes, ended when the device says so, closed as incomplete
 * after a quiet period without an end, and reopened if late data arrives after that.
 *
 * <p>A new revision is made, and published, when the session first appears, when its status changes, when data
 * amends a closed session, and when its owner changes. While a session is open its roll-ups grow with every
 * sample without a new revision: publishing one per second per device would tell consumers nothing they can use
 * before the session closes.
 */
public final class Session {

    private final SessionKey key;
    private final SessionAccumulator accumulator;
    private final long savedRevision;
    private SessionStatus status;
    private Owner owner;
    private boolean changed;
    private boolean revised;

    private Session(
            SessionKey key, SessionAccumulator accumulator, SessionStatus status, long savedRevision, Owner owner) {
        this.key = Objects.requireNonNull(key, "key");
        this.accumulator = accumulator;
        this.status = status;
        this.savedRevision = savedRevision;
        this.owner = owner;
    }

    /** A session not seen before; it exists once {@link #record} has given it data. */
    static Session begin(SessionKey key) {
        return new Session(key, new SessionAccumulator(), SessionStatus.OPEN, 0, null);
    }

    /** A session as stored. */
    static Session restore(
            SessionKey key, SessionAccumulator.Snapshot snapshot, SessionStatus status, long revision, Owner owner) {
        if (revision < 1) {
            throw new IllegalArgumentException("a stored session has a revision of at least 1");
        }
        return new Session(key, SessionAccumulator.restore(snapshot), status, revision, owner);
    }

    /** Folds in messages of this session; messages already seen change nothing. */
    void record(Collection<DeviceMessage> messages) {
        boolean added = false;
        for (DeviceMessage message : messages) {
            if (!key.equals(message.sessionKey())) {
                throw new IllegalArgumentException("message of another session: " + message);
            }
            added |= accumulator.add(message);
        }
        if (!added) {
            return;
        }
        changed = true;
        SessionStatus next = accumulator.ended() ? SessionStatus.ENDED : SessionStatus.OPEN;
        if (savedRevision == 0 || next != status || status != SessionStatus.OPEN) {
            revised = true;
        }
        status = next;
    }

    /**
     * Closes the session as incomplete when it is open and nothing arrived for {@code quietPeriod} before
     * {@code now} (gateway receive time).
     *
     * @return whether it was closed
     */
    boolean closeIfQuiet(Instant now, Duration quietPeriod) {
        if (status != SessionStatus.OPEN
                || accumulator.lastReceivedAt().plus(quietPeriod).isAfter(now)) {
            return false;
        }
        status = SessionStatus.INCOMPLETE;
        changed = true;
        revised = true;
        return true;
    }

    /**
     * The instant that decides the owner: the start in device time, or the gateway's first receive time when the
     * device clock is known to be wrong.
     */
    Instant attributedAt() {
        return accumulator.clockSkew() ? accumulator.firstReceivedAt() : accumulator.startedAt();
    }

    /** Sets the owner, {@code null} for a device paired to nobody; a different owner makes a new revision. */
    void assignOwner(Owner owner) {
        if (Objects.equals(this.owner, owner)) {
            return;
        }
        this.owner = owner;
        changed = true;
        if (savedRevision > 0) {
            revised = true;
        }
    }

    public SessionKey key() {
        return key;
    }

    public SessionStatus status() {
        return status;
    }

    /** The revision as it is once saved: one more than stored when this unit of work revised it. */
    public long revision() {
        return revised ? savedRevision + 1 : savedRevision;
    }

    /** The owner, or {@code null}. */
    public Owner owner() {
        return owner;
    }

    /** Whether anything changed that must be saved. */
    boolean changed() {
        return changed;
    }

    /** Whether this unit of work made a new revision, which is to be published when there is an owner. */
    boolean revised() {
        return revised;
    }

    Rollup rollup() {
        return accumulator.rollup(status);
    }

    SessionAccumulator.Snapshot snapshot() {
        return accumulator.snapshot();
    }

    Instant firstReceivedAt() {
        return accumulator.firstReceivedAt();
    }

    Instant lastReceivedAt() {
        return accumulator.lastReceivedAt();
    }

    /**
     * The summary consumers read.
     *
     * @throws IllegalStateException when the session has no owner: such sessions are kept but not published
     */
    public SessionSummary summary() {
        if (owner == null) {
            throw new IllegalStateException("a session without an owner has no summary");
        }
        Rollup rollup = rollup();
        return new SessionSummary(
                key.sessionId(),
                revision(),
                owner.userId(),
                key.deviceId(),
                key.deviceSessionId(),
                status,
                rollup.startedAt(),
                rollup.endedAt(),
                rollup.endReason(),
                rollup.durationSeconds(),
                rollup.secondsByMode(),
                rollup.intensities(),
                rollup.heats(),
                rollup.pressure(),
                rollup.sampleCount(),
                rollup.gapCount(),
                rollup.gapSeconds(),
                rollup.firmware(),
                rollup.clockSkew(),
                owner.timeZone());
    }
}
