package dev.massager.analytics.insight;

import dev.massager.analytics.aggregate.DeviceReports;
import dev.massager.analytics.aggregate.UserNights;
import dev.massager.analytics.nights.NightCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** A user's personal insight over a range of nights, from the {@code nights} aggregate. */
@Service
class Insights {

    private final UserNights nights;
    private final DeviceReports reports;
    private final NightCalendar calendar;
    private final InsightCalculator calculator;
    private final InsightPolicy policy;

    Insights(UserNights nights, DeviceReports reports, NightCalendar calendar, InsightProperties properties) {
        this.nights = nights;
        this.reports = reports;
        this.calendar = calendar;
        this.calculator = new InsightCalculator(calendar.policy());
        this.policy = new InsightPolicy(
                properties.minimumNightsPerArm(), InsightPolicy.DEFAULT_CONFIDENCE, properties.minuteBuckets());
    }

    /** One snapshot of the user's nights and device reports, so the figures agree with each other. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Insight of(String userId, LocalDate from, LocalDate to) {
        Optional<Instant> lastReport = reports.lastReport(userId);
        List<NightRecord> records = nights.of(userId, from, to).stream()
                .map(night -> NightFacts.of(night, lastReport, calendar))
                .toList();
        return calculator.compute(records, policy);
    }
}
