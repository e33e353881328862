package dev.massager.analytics.cohort;

import dev.massager.analytics.aggregate.DeviceReports;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The cohort figures, each suppressed below {@link CohortProperties#minimumUsers()} users. */
@Service
class Cohort {

    private static final List<Long> MINUTE_BUCKETS = List.of(10L, 20L);

    /**
     * The usage figures in one pass over the sessions of the range, a row per figure and key. The sessions are those
     * started between two instants that surely hold the nights asked for (see {@link #nightsParameters}), each with the
     * night it started in (D 12:00 to D+1 12:00 in the user's zone of then), read once and kept for the five
     * aggregates.
     */
    private static final String USAGE = """
            with s as materialized (
                select * from (
                    select user_id, device_id, status, end_reason, seconds_by_mode, intensities, heats,
                        ((started_at at time zone time_zone) - make_interval(secs => ?))::date as night
                    from sessions where started_at >= ? and started_at < ?) as started
                where night between ? and ?)
            select 'night' as figure, night::text as key, count(*)::float8 as value,
                count(distinct user_id) as users, count(distinct device_id) as devices
            from s group by night
            union all
            select 'minutes', mode.key, sum(mode.value::bigint) / 60.0, count(distinct user_id), null
            from s, jsonb_each_text(seconds_by_mode) mode where mode.value::bigint > 0 group by mode.key
            union all
            select 'intensity', level::text, count(*), count(distinct user_id), null
            from s, unnest(intensities) level group by level
            union all
            select 'heat', setting, count(*), count(distinct user_id), null
            from s, unnest(heats) setting group by setting
            union all
            select 'endedEarly', 'endedEarly', count(*), count(distinct user_id), null
            from s where status = 'ENDED' and end_reason <> 'TIMER'
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
        Map<LocalDate, UsageReport.NightUsage> perNight = new TreeMap<>();
        Map<String, Map<String, double[]>> byFigure = new HashMap<>();
        jdbc.sql(USAGE).params(nightsParameters(from, to)).query(row -> {
            String figure = row.getString("figure");
            int users = row.getInt("users");
            if (figure.equals("night")) {
                LocalDate night = LocalDate.parse(row.getString("key"));
                perNight.put(
                        night,
                        new UsageReport.NightUsage(
                                night,
                                Cell.of(users, users, k),
                                Cell.of(row.getInt("devices"), users, k),
                                Cell.of(row.getDouble("value"), users, k)));
            } else {
                byFigure.computeIfAbsent(figure, key -> new HashMap<>())
                        .put(row.getString("key"), new double[] {row.getDouble("value"), users});
            }
        });
        Map<String, double[]> minutes = byFigure.getOrDefault("minutes", Map.of());
        Map<String, double[]> intensity = byFigure.getOrDefault("intensity", Map.of());
        Map<String, double[]> heat = byFigure.getOrDefault("heat", Map.of());
        Map<String, double[]> endedEarly = byFigure.getOrDefault("endedEarly", Map.of());
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
                List.copyOf(perNight.values()),
                cells(enumKeys(Mode.values()), minutes),
                cells(DoseLevels.intensityLevels(), intensity),
                cells(enumKeys(Heat.values()), heat),
                cell(endedEarly.get("endedEarly")),
                cells(List.copyOf(faults.keySet()), faults),
                cell(online.get("online")));
    }

    /**
     * Cramp-night rates with and without sessions over the nights {@code from} to {@code to}, from one snapshot. The
     * nights are read as a stream and folded into counts and sets of users per level as they come, so memory grows
     * with the users, not with their nights.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CrampsReport cramps(LocalDate from, LocalDate to) {
        Map<String, Instant> completeUntil = reports.completeUntil();
        List<String> minuteLevels = DoseLevels.minuteLevels(MINUTE_BUCKETS);
        Map<String, Integer> userIndex = new HashMap<>();
        Tally exposed = new Tally();
        Tally unexposed = new Tally();
        Breakdown modes = new Breakdown(DoseLevels.modeLevels());
        Breakdown intensities = new Breakdown(DoseLevels.intensityLevels());
        Breakdown minutes = new Breakdown(minuteLevels);
        nights.cohort(from, to, night -> {
            NightRecord record = NightFacts.of(night, Optional.ofNullable(completeUntil.get(night.userId())), calendar);
            if (!record.diary().observed()) {
                return;
            }
            int user = userIndex.computeIfAbsent(night.userId(), id -> userIndex.size());
            boolean cramps = record.diary() == CrampNightState.CRAMPS;
            if (record.exposed()) {
                exposed.add(user, cramps);
                modes.add(DoseLevels.mainMode(record), user, cramps);
                intensities.add(DoseLevels.maxIntensity(record), user, cramps);
                minutes.add(DoseLevels.minuteLevel(record, MINUTE_BUCKETS, minuteLevels), user, cramps);
            } else if (record.deviceDataComplete()) {
                unexposed.add(user, cramps);
            }
        });
        return new CrampsReport(
                from,
                to,
                k,
                row("all", exposed, unexposed),
                rows(modes, unexposed),
                rows(intensities, unexposed),
                rows(minutes, unexposed),
                definitions());
    }

    private List<Row> rows(Breakdown breakdown, Tally unexposed) {
        List<Row> rows = new ArrayList<>();
        breakdown.levels.forEach((level, exposed) -> rows.add(row(level, exposed, unexposed)));
        return withComplementarySuppression(rows, breakdown);
    }

    /**
     * The groups of a breakdown add up to the overall row, so suppressed groups could be recovered together by
     * subtracting the shown ones from it. While the suppressed groups together stand for fewer than k users (and for
     * any at all), the shown group with the fewest users is suppressed too.
     */
    private List<Row> withComplementarySuppression(List<Row> rows, Breakdown breakdown) {
        List<Row> result = new ArrayList<>(rows);
        while (true) {
            BitSet hidden = new BitSet();
            result.stream().filter(Row::suppressed).forEach(row -> hidden.or(breakdown.users(row.key())));
            int hiddenUsers = hidden.cardinality();
            if (hiddenUsers == 0 || hiddenUsers >= k) {
                return result;
            }
            Row smallest = result.stream()
                    .filter(row -> !row.suppressed())
                    .min(Comparator.comparingInt(
                            row -> breakdown.users(row.key()).cardinality()))
                    .orElse(null);
            if (smallest == null) {
                return result;
            }
            result.set(result.indexOf(smallest), new Row(smallest.key(), true, null, null, null, null, null));
        }
    }

    private Row row(String key, Tally exposed, Tally unexposed) {
        if (exposed.users.cardinality() < k || unexposed.users.cardinality() < k) {
            return new Row(key, true, null, null, null, null, null);
        }
        BitSet users = (BitSet) exposed.users.clone();
        users.or(unexposed.users);
        Comparison comparison =
                Comparison.of(new TwoByTwo(exposed.cramps, exposed.nights, unexposed.cramps, unexposed.nights));
        return new Row(
                key,
                false,
                users.cardinality(),
                new Arm(exposed.nights, exposed.cramps, rate(comparison.exposedRate())),
                new Arm(unexposed.nights, unexposed.cramps, rate(comparison.unexposedRate())),
                comparison
                        .relativeRisk()
                        .map(rr -> new Ratio(rr.estimate(), rr.lower(), rr.upper()))
                        .orElse(null),
                comparison.pValue().isPresent() ? comparison.pValue().getAsDouble() : null);
    }

    /**
     * The parameters of {@link #USAGE} for the nights {@code from} to {@code to}: the night start; instants a day before
     * the first night's date and three days after the last one's, in UTC; then the two nights. Every zone is within 14 hours of UTC and a night lasts a day from its start, so the two instants hold
     * every session of those nights, and the index on {@code started_at} reads only about them.
     */
    private Object[] nightsParameters(LocalDate from, LocalDate to) {
        return new Object[] {
            calendar.policy().nightStart().toSecondOfDay(),
            from.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC),
            to.plusDays(3).atStartOfDay().atOffset(ZoneOffset.UTC),
            from,
            to
        };
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

    private static Double rate(java.util.OptionalDouble rate) {
        return rate.isPresent() ? rate.getAsDouble() : null;
    }

    /** Observed nights of one arm of a row: how many, how many with cramps, and whose (users by index). */
    private static final class Tally {
        private final BitSet users = new BitSet();
        private int nights;
        private int cramps;

        void add(int user, boolean crampNight) {
            users.set(user);
            nights++;
            if (crampNight) {
                cramps++;
            }
        }
    }

    /** The exposed nights of a breakdown, a tally per level: the given levels first, others as they appear. */
    private static final class Breakdown {
        private final Map<String, Tally> levels = new LinkedHashMap<>();

        Breakdown(List<String> levels) {
            levels.forEach(level -> this.levels.put(level, new Tally()));
        }

        void add(String level, int user, boolean crampNight) {
            levels.computeIfAbsent(level, key -> new Tally()).add(user, crampNight);
        }

        BitSet users(String level) {
            return levels.get(level).users;
        }
    }
}
