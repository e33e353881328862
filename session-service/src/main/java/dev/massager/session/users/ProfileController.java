package dev.massager.session.users;

import dev.massager.api.problem.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.ZoneId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "profile", description = "The caller's profile")
class ProfileController {

    private final Users users;

    ProfileController(Users users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "My profile", description = "Creates the user on first use.")
    Users.Profile profile(@CurrentUser String userId) {
        return users.profile(userId).orElseThrow();
    }

    @PutMapping
    @Operation(
            summary = "Change my time zone",
            description = "An IANA region id such as Europe/Berlin; offsets are refused. The first choice replaces the"
                    + " UTC placeholder of a new user for all earlier times too (sessions and diary entries stored"
                    + " until then move to the chosen zone and are published again); after that, nights from now on"
                    + " use the new zone and earlier nights keep theirs.")
    Users.Profile update(@CurrentUser String userId, @Valid @RequestBody ProfileChange change) {
        return users.changeTimeZone(userId, regionZone(change.timeZone()));
    }

    static ZoneId regionZone(String id) {
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new BadRequest("timeZone", "'" + id + "' is not an IANA time zone id such as Europe/Berlin");
        }
        return ZoneId.of(id);
    }

    /** @param timeZone an IANA region id */
    record ProfileChange(@NotBlank String timeZone) {}
}
