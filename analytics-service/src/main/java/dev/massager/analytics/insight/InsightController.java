package dev.massager.analytics.insight;

import dev.massager.api.problem.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "insights", description = "The caller's own nights: do massage evenings go with fewer cramp nights?")
class InsightController {

    static final int MAX_NIGHTS = 366;
    static final int DEFAULT_NIGHTS = 90;

    private final Insights insights;

    InsightController(Insights insights) {
        this.insights = insights;
    }

    @GetMapping("/api/v1/me/insights")
    @Operation(
            summary = "My insight",
            description = "Cramp-night rates on nights with and without an evening session, the relative risk with"
                    + " its 95% confidence interval and Fisher's exact p-value, the dose-response, and how many more"
                    + " nights are needed while there are too few. from and to are ISO dates of nights, both"
                    + " included, at most " + MAX_NIGHTS + " apart; without them, the " + DEFAULT_NIGHTS
                    + " nights up to yesterday's. Nights of the range without a diary entry are unknown. The definitions used are part"
                    + " of the answer.")
    Insight insight(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "to", required = false) LocalDate to) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (to == null) {
            // the last night that is over: yesterday's
            to = from == null ? today.minusDays(1) : from.plusDays(DEFAULT_NIGHTS - 1);
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
        return insights.of(token.getSubject(), from, to, today);
    }
}
