package dev.massager.common.session;

/** Where a session stands in session-service's view. */
public enum SessionStatus {
    /** Still running, or not yet closed: more data may come. */
    OPEN,
    /** The device reported {@code SESSION_ENDED}. */
    ENDED,
    /** Closed without an end event (e.g. lost after a power cut); it may still be amended by late data. */
    INCOMPLETE
}
