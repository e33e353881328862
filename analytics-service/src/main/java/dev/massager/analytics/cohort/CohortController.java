package dev.massager.analytics.cohort;

import dev.massager.api.problem.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cohort")
@Tag(name = "cohort", description = "Figures across all users for the product team; never a group of fewer than k")
class CohortController {

    static final int MAX_NIGHTS = 366;
    static final int DEFAULT_NIGHTS = 30;

    private final Cohort cohort;

    CohortController(Cohort cohort) {
        this.cohort = cohort;
    }

    @GetMapping("/usage")
    @Operation(
            summary = "Fleet usage",
            description = "Active users, devices and sessions per night, minutes by mode, intensity and heat use,"
                    + " sessions ended early, faults by firmware and online devices. from and to are ISO dates of"
                    + " nights, both included, at most " + MAX_NIGHTS + " apart; without them, the last "
                    + DEFAULT_NIGHTS + " nights. A cell behind fewer than minimumUsers users is suppressed.")
    UsageReport usage(
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "to", required = false) LocalDate to) {
        Range range = Range.of(from, to);
        return cohort.usage(range.from(), range.to());
    }

    @GetMapping("/cramps")
    @Operation(
            summary = "Cramp-night rates with and without sessions",
            description = "Overall and by main mode, highest intensity and total duration of the night's sessions,"
                    + " with the relative risk, its 95% confidence interval and Fisher's exact p-value. A row"
                    + " behind fewer than minimumUsers users in either arm is suppressed.")
    CrampsReport cramps(
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "to", required = false) LocalDate to) {
        Range range = Range.of(from, to);
        return cohort.cramps(range.from(), range.to());
    }

    private record Range(LocalDate from, LocalDate to) {

        static Range of(LocalDate from, LocalDate to) {
            if (to == null) {
                to = from == null ? LocalDate.now(ZoneOffset.UTC) : from.plusDays(DEFAULT_NIGHTS - 1);
            }
            if (from == null) {
                from = to.minusDays(DEFAULT_NIGHTS - 1);
            }
            if (from.isAfter(to)) {
                throw new BadRequest("from", "must not be after to");
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_NIGHTS) {
                throw new BadRequest("to", "must be at most " + MAX_NIGHTS + " nights from 'from'");
            }
            return new Range(from, to);
        }
    }
}
