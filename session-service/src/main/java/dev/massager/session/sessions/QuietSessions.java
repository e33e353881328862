package dev.massager.session.sessions;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes sessions that went quiet without an end event, on a schedule. */
@Component
class QuietSessions {

    private static final Logger log = LoggerFactory.getLogger(QuietSessions.class);

    private final SessionBuilding building;
    private final SessionProperties properties;
    private final Clock clock;

    QuietSessions(SessionBuilding building, SessionProperties properties) {
        this.building = building;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(fixedDelayString = "${massager.sessions.close-interval:30s}")
    void closeQuietSessions() {
        try {
            int closed;
            do {
                closed = building.closeQuiet(clock.instant());
            } while (closed == properties.closeBatchSize());
        } catch (RuntimeException e) {
            log.warn("Closing quiet sessions failed, trying again at the next interval: {}", e.toString());
        }
    }
}
