package dev.massager.session.diary;

import dev.massager.api.problem.BadRequest;
import dev.massager.api.problem.NotFound;
import dev.massager.session.users.CurrentUser;
import dev.massager.session.users.Users;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/cramp-nights")
@Tag(name = "cramp diary", description = "One entry per night: from D 12:00 to D+1 12:00 in the user's time zone")
class CrampNightsController {

    /** The most nights one list request covers. */
    static final int MAX_NIGHTS = 366;

    private final Diary diary;
    private final Users users;

    CrampNightsController(Diary diary, Users users) {
        this.diary = diary;
        this.users = users;
    }

    @PutMapping("/{date}")
    @Operation(
            summary = "Write the entry of a night",
            description = "201 when created, 200 when changed or unchanged. cramps = 0 means explicitly none, and"
                    + " then severity must be 0, muscles empty and wokeUp false. A night after today (in my time"
                    + " zone) is refused.")
    ResponseEntity<Diary.Night> write(
            @CurrentUser String userId,
            @Parameter(description = "the night's date D, ISO yyyy-mm-dd") @PathVariable LocalDate date,
            @Valid @RequestBody DiaryEntry entry) {
        requireNotFuture(userId, date);
        var written = diary.write(userId, date, entry.requireNoneMeansNone());
        if (written.change() == Diary.Change.CREATED) {
            return ResponseEntity.created(URI.create("/api/v1/me/cramp-nights/" + date))
                    .body(written.night());
        }
        return ResponseEntity.ok(written.night());
    }

    @GetMapping
    @Operation(
            summary = "My entries, ascending by night",
            description = "from and to are ISO dates, both included, at most " + MAX_NIGHTS + " nights apart."
                    + " Without them: the " + MAX_NIGHTS + " nights up to today.")
    List<Diary.Night> nights(
            @CurrentUser String userId,
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "to", required = false) LocalDate to) {
        if (to == null) {
            to = from == null ? today(userId) : from.plusDays(MAX_NIGHTS - 1);
        }
        if (from == null) {
            from = to.minusDays(MAX_NIGHTS - 1);
        }
        if (from.isAfter(to)) {
            throw new BadRequest("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_NIGHTS) {
            throw new BadRequest("to", "must be at most " + MAX_NIGHTS + " nights from 'from'");
        }
        return diary.nights(userId, from, to);
    }

    @GetMapping("/{date}")
    @Operation(summary = "The entry of a night", description = "404 when the night has no entry (it is unknown).")
    Diary.Night night(@CurrentUser String userId, @PathVariable LocalDate date) {
        return diary.night(userId, date).orElseThrow(() -> new NotFound("no diary entry for the night of " + date));
    }

    @DeleteMapping("/{date}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the entry of a night", description = "The night is unknown again.")
    void delete(@CurrentUser String userId, @PathVariable LocalDate date) {
        diary.delete(userId, date);
    }

    private void requireNotFuture(String userId, LocalDate date) {
        LocalDate today = today(userId);
        if (date.isAfter(today)) {
            throw new BadRequest("date", "must not be after today (" + today + " in your time zone)");
        }
    }

    private LocalDate today(String userId) {
        return LocalDate.now(users.profile(userId).orElseThrow().timeZone());
    }
}
