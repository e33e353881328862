package dev.massager.session.sessions;

import dev.massager.api.problem.BadRequest;
import dev.massager.api.problem.NotFound;
import dev.massager.common.session.SessionSummary;
import dev.massager.session.users.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/sessions")
@Tag(name = "sessions", description = "The caller's massage sessions")
class SessionsController {

    static final int MAX_LIMIT = 100;

    private final SessionHistory history;
    private final SessionCursor cursors;

    SessionsController(SessionHistory history, SessionCursor cursors) {
        this.history = history;
        this.cursors = cursors;
    }

    @GetMapping
    @Operation(
            summary = "My sessions, newest first",
            description = "Keyset pagination on the start: pass nextCursor of one page as cursor to get the next;"
                    + " nextCursor is null on the last page. A walk through the pages shows every session exactly"
                    + " once while sessions are added, as long as a session's start does not move. A session's start"
                    + " moves earlier when its start event (or an earlier sample) arrives late: a walk in progress may"
                    + " then show that session twice, or miss it when it moves before from.")
    SessionPage sessions(
            @CurrentUser String userId,
            @Parameter(
                            description =
                                    "sessions that started at or after this instant (ISO-8601, e.g. 2026-03-01T00:00:00Z)")
                    @RequestParam(name = "from", required = false)
                    Instant from,
            @Parameter(description = "sessions that started before this instant (ISO-8601)")
                    @RequestParam(name = "to", required = false)
                    Instant to,
            @Parameter(description = "page size, 1 to " + MAX_LIMIT)
                    @RequestParam(name = "limit", defaultValue = "20")
                    @Min(1)
                    @Max(MAX_LIMIT)
                    int limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(name = "cursor", required = false)
                    String cursor) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequest("from", "must not be after to");
        }
        var after = cursor == null ? null : cursors.decode(userId, cursor);
        var page = history.page(userId, from, to, after, limit);
        return new SessionPage(page.items(), page.next() == null ? null : cursors.encode(userId, page.next()));
    }

    @GetMapping("/{sessionId}")
    @Operation(summary = "One of my sessions", description = "404 when it is not mine or does not exist.")
    SessionSummary session(@CurrentUser String userId, @PathVariable UUID sessionId) {
        return history.session(userId, sessionId).orElseThrow(() -> new NotFound("no session " + sessionId));
    }

    /**
     * A page of the session history.
     *
     * @param items newest first
     * @param nextCursor the cursor of the next page, or null on the last
     */
    record SessionPage(List<SessionSummary> items, String nextCursor) {}
}
