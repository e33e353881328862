package dev.massager.session.sessions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Warns at start while the page cursors are signed with the default key: it is in this repository, so anyone could
 * forge a cursor with it. A forged cursor still shows only the caller's own sessions, so the service runs, but
 * production should set a secret one.
 */
@Component
class CursorKeyCheck {

    private static final Logger log = LoggerFactory.getLogger(CursorKeyCheck.class);

    /** The default of {@link SessionCursor.Properties#key()} and of {@code SESSION_CURSOR_KEY} in application.yml. */
    static final String DEFAULT_KEY = "local-session-cursor-key";

    CursorKeyCheck(SessionCursor.Properties properties) {
        if (DEFAULT_KEY.equals(properties.key())) {
            log.warn("Session history cursors are signed with the default key: set SESSION_CURSOR_KEY"
                    + " (massager.sessions.cursor.key) to a secret one in production, the same on every"
                    + " instance");
        }
    }
}
