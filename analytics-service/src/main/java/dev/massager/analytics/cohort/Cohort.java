package dev.massager.analytics.cohort;

import dev.massager.analytics.aggregate.DeviceReports;
import dev.massager.analytics.aggregate.UserNight;
import dev.massager.analytics.aggregate.UserNights;
import dev.massager.analytics.cohort.CrampsReport.Arm;
import dev.massager.analytics.cohort.CrampsReport.Ratio;
import dev.massager.analytics.cohort.CrampsReport.Row;
import dev.massager.analytics.insight.CrampNightState;
import dev.massager.analytics.insight.DoseLevels;
import dev.massager.analytics.insight.NightFacts;
import dev.massager.analytics.insight.NightRecord;
import dev.massager.analytics.nights.NightCalendar;
import dev.massager.analytics.stats.Comparison;
import dev.massager.analytics.stats.ComparisonDefinitions;
import dev.massager.analytics.stats.TwoByTwo;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The cohort figures, each suppressed below {@link CohortProperties#minimumUsers()} users. */
@Service
class Cohort {

    private static final List<Long> MINUTE_BUCKETS = List.of(10L, 20L);

    /** Sessions with the night they started in (D 12:00 to D+1 12:00 in the user's zone of then). */
    private static final String SESSIONS_BY_NIGHT = """
            with s as (
                select user_id, device_id, status, end_reason, seconds_by_mode, intensities, heats,
                    ((started_at at time zone time_zone) - make_interval(secs => ?))::date as night
                from sessions)
            """;

    private final JdbcClient jdbc;
    private final UserNights nights;
    private final DeviceReports reports;
    private final NightCalendar calendar;
    private final int k;

    Cohort(
            JdbcClient jdbc,
            UserNights nights,
            DeviceReports reports,
            NightCalendar calendar,
            CohortProperties properties) {
        this.jdbc = jdbc;
        this.nights = nights;
        this.reports = reports;
        this.calendar = calendar;
        this.k = properties.minimumUsers();
    }

    /** Usage over the nights {@code from} to {@code to}, both included, from one snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public UsageReport usage(LocalDate from, LocalDate to) {
        int nightStart = calendar.policy().nightStart().toSecondOfDay();
        List<UsageReport.NightUsage> perNight = jdbc.sql(SESSIONS_BY_NIGHT + """
                        select night, count(distinct user_id) as users, count(distinct device_id) as devices,
                            count(*) as sessions
                        from s where night between ? and ? group by night order by night
                        """)
                .params(nightStart, from, to)
                .query((row, number) -> {
                    int users = row.getInt("users");
                    return new UsageReport.NightUsage(
                            row.getObject("night", LocalDate.class),
                            Cell.of(users, users, k),
                            Cell.of(row.getInt("devices"), users, k),
                            Cell.of(row.getInt("sessions"), users, k));
                })
                .list();
        Map<String, double[]> minutes = figures(SESSIONS_BY_NIGHT + """
                        select mode.key as key, sum(mode.value::bigint) / 60.0 as value,
                            count(distinct user_id) as users
                        from s, jsonb_each_text(seconds_by_mode) mode
                        where night between ? and ? and mode.value::bigint > 0 group by mode.key
                        """, nightStart, from, to);
        Map<String, double[]> intensity = figures(SESSIONS_BY_NIGHT + """
                        select level::text as key, count(*) as value, count(distinct user_id) as users
                        from s, unnest(intensities) level where night between ? and ? group by level
                        """, nightStart, from, to);
        Map<String, double[]> heat = figures(SESSIONS_BY_NIGHT + """
                        select setting as key, count(*) as value, count(distinct user_id) as users
                        from s, unnest(heats) setting where night between ? and ? group by setting
                        """, nightStart, from, to);
        Map<String, double[]> endedEarly = figures(SESSIONS_BY_NIGHT + """
                        select 'endedEarly' as key, count(*) as value, count(distinct user_id) as users
                        from s where night between ? and ? and status = 'ENDED' and end_reason <> 'TIMER'
                        """, nightStart, from, to);
        Map<String, double[]> faults = figures("""
                select coalesce(firmware, 'unknown') as key, count(*) as value, count(distinct device_id) as users
                from device_faults where (ts at time zone 'UTC')::date between ? and ? group by 1 order by 1
                """, from, to);
        Map<String, double[]> online = figures("""
                select 'online' as key, count(*) as value, count(*) as users
                from device_statuses where state = 'ONLINE'
                """);
        return new UsageReport(
                from,
                to,
                k,
                perNight,
                cells(enumKeys(Mode.values()), minutes),
                cells(DoseLevels.intensityLevels(), intensity),
                cells(enumKeys(Heat.values()), heat),
                cell(endedEarly.get("endedEarly")),
                cells(List.copyOf(faults.keySet()), faults),
                cell(online.get("online")));
    }

    /** Cramp-night rates with and without sessions over the nights {@code from} to {@code to}, from one snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CrampsReport cramps(LocalDate from, LocalDate to) {
        Map<String, Instant> completeUntil = reports.completeUntil();
        List<Observed> exposed = new ArrayList<>();
        List<Observed> unexposed = new ArrayList<>();
        for (UserNight night : nights.cohort(from, to)) {
            NightRecord record = NightFacts.of(night, Optional.ofNullable(completeUntil.get(night.userId())), calendar);
            if (!record.diary().observed()) {
                continue;
            }
            Observed observed = new Observed(night.userId(), record);
            if (record.exposed()) {
                exposed.add(observed);
            } else if (record.deviceDataComplete()) {
                unexposed.add(observed);
            }
        }
        List<String> minuteLevels = DoseLevels.minuteLevels(MINUTE_BUCKETS);
        return new CrampsReport(
                from,
                to,
                k,
                row("all", exposed, unexposed),
                rows(DoseLevels.modeLevels(), exposed, unexposed, DoseLevels::mainMode),
                rows(DoseLevels.intensityLevels(), exposed, unexposed, DoseLevels::maxIntensity),
                rows(
                        minuteLevels,
                        exposed,
                        unexposed,
                        night -> DoseLevels.minuteLevel(night, MINUTE_BUCKETS, minuteLevels)),
                definitions());
    }

    private List<Row> rows(
            List<String> levels,
            List<Observed> exposed,
            List<Observed> unexposed,
            Function<NightRecord, String> levelOf) {
        Map<String, List<Observed>> byLevel = new LinkedHashMap<>();
        levels.forEach(level -> byLevel.put(level, new ArrayList<>()));
        exposed.forEach(night -> byLevel.computeIfAbsent(levelOf.apply(night.record()), level -> new ArrayList<>())
                .add(night));
        List<Row> rows = new ArrayList<>();
        Map<String, Set<String>> exposedUsers = new LinkedHashMap<>();
        byLevel.forEach((level, nights) -> {
            rows.add(row(level, nights, unexposed));
            exposedUsers.put(level, users(nights));
        });
        return withComplementarySuppression(rows, exposedUsers);
    }

    /**
     * The groups of a breakdown add up to the overall row, so suppressed groups could be recovered together by
     * subtracting the shown ones from it. While the suppressed groups together stand for fewer than k users (and for
     * any at all), the shown group with the fewest users is suppressed too.
     */
    private List<Row> withComplementarySuppression(List<Row> rows, Map<String, Set<String>> exposedUsers) {
        List<Row> result = new ArrayList<>(rows);
        while (true) {
            Set<String> hidden = new HashSet<>();
            result.stream().filter(Row::suppressed).forEach(row -> hidden.addAll(exposedUsers.get(row.key())));
            if (hidden.isEmpty() || hidden.size() >= k) {
                return result;
            }
            Row smallest = result.stream()
                    .filter(row -> !row.suppressed())
                    .min(Comparator.comparingInt(
                            row -> exposedUsers.get(row.key()).size()))
                    .orElse(null);
            if (smallest == null) {
                return result;
            }
            result.set(result.indexOf(smallest), new Row(smallest.key(), true, null, null, null, null, null));
        }
    }

    private Row row(String key, List<Observed> exposed, List<Observed> unexposed) {
        Set<String> exposedUsers = users(exposed);
        Set<String> unexposedUsers = users(unexposed);
        if (exposedUsers.size() < k || unexposedUsers.size() < k) {
            return new Row(key, true, null, null, null, null, null);
        }
        Set<String> users = new HashSet<>(exposedUsers);
        users.addAll(unexposedUsers);
        int exposedCramps = crampNights(exposed);
        int unexposedCramps = crampNights(unexposed);
        Comparison comparison =
                Comparison.of(new TwoByTwo(exposedCramps, exposed.size(), unexposedCramps, unexposed.size()));
        return new Row(
                key,
                false,
                users.size(),
                new Arm(exposed.size(), exposedCramps, rate(comparison.exposedRate())),
                new Arm(unexposed.size(), unexposedCramps, rate(comparison.unexposedRate())),
                comparison
                        .relativeRisk()
                        .map(rr -> new Ratio(rr.estimate(), rr.lower(), rr.upper()))
                        .orElse(null),
                comparison.pValue().isPresent() ? comparison.pValue().getAsDouble() : null);
    }

    private Map<String, String> definitions() {
        String start = calendar.policy().nightStart().toString();
        String cutoff = calendar.policy().exposureCutoff().toString();
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("night", "D " + start + " to D+1 " + start + " local, in each user's time zone of then");
        definitions.put(
                "exposure",
                "a night with at least one session started from D " + start + " up to D+1 " + cutoff
                        + "; nights without one count only once the data of the user's devices is complete past the night's"
                        + " end (disconnected after it, or connected for longer than the pipeline's lag)");
        definitions.put(
                "pooling",
                "nights of all users pooled; nights of one user are not independent, so the interval is narrower"
                        + " than it should be for strongly clustered data");
        definitions.put(
                "confidenceInterval",
                ComparisonDefinitions.STANDARD.confidenceInterval() + "; "
                        + ComparisonDefinitions.STANDARD.zeroCells());
        definitions.put("pValue", ComparisonDefinitions.STANDARD.test());
        definitions.put("suppression", "a row is suppressed when fewer than " + k + " users stand behind either arm");
        return definitions;
    }

    private Map<String, double[]> figures(String sql, Object... params) {
        Map<String, double[]> figures = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(row -> {
            figures.put(row.getString("key"), new double[] {row.getDouble("value"), row.getInt("users")});
        });
        return figures;
    }

    private List<Cell> cells(List<String> keys, Map<String, double[]> figures) {
        return keys.stream()
                .map(key -> {
                    double[] figure = figures.getOrDefault(key, new double[] {0, 0});
                    return Cell.of(key, figure[0], (int) figure[1], k);
                })
                .toList();
    }

    private Cell cell(double[] figure) {
        return figure == null ? Cell.of(0, 0, k) : Cell.of(figure[0], (int) figure[1], k);
    }

    private static List<String> enumKeys(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    private static Set<String> users(List<Observed> nights) {
        Set<String> users = new HashSet<>();
        nights.forEach(night -> users.add(night.userId()));
        return users;
    }

    private static int crampNights(List<Observed> nights) {
        return (int) nights.stream()
                .filter(night -> night.record().diary() == CrampNightState.CRAMPS)
                .count();
    }

    private static Double rate(java.util.OptionalDouble rate) {
        return rate.isPresent() ? rate.getAsDouble() : null;
    }

    /** An observed night and whose it is. */
    private record Observed(String userId, NightRecord record) {}
}
