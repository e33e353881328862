package dev.massager.analytics.insight;

import dev.massager.analytics.aggregate.DeviceReports;
import dev.massager.analytics.aggregate.UserNights;
import dev.massager.analytics.nights.NightCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /**
     * The insight over the nights {@code from} to {@code to}, from one snapshot of the user's nights and device reports
     * so the figures agree with each other. Nights of the range that are over (before {@code today}) and have no row
     * are unknown: no diary entry, no session.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Insight of(String userId, LocalDate from, LocalDate to, LocalDate today) {
        Optional<Instant> completeUntil = reports.completeUntil(userId);
        List<NightRecord> records = new ArrayList<>();
        Set<LocalDate> known = new HashSet<>();
        for (var night : nights.of(userId, from, to)) {
            records.add(NightFacts.of(night, completeUntil, calendar));
            known.add(night.night());
        }
        for (LocalDate night = from; !night.isAfter(to) && night.isBefore(today); night = night.plusDays(1)) {
            if (!known.contains(night)) {
                records.add(new NightRecord(night, CrampNightState.UNKNOWN, List.of(), false));
            }
        }
        return calculator.compute(records, policy);
    }
}
