package dev.massager.common.microbench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * A module's run as a short Markdown page: when, on what machine, with which JMH settings, and one line per
 * benchmark with its score, the time per operation, the CPU time per operation and the share of a processor the
 * benchmark got (see {@link CpuTimeProfiler}), and the bytes allocated per operation.
 */
final class Report {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    /** {@link org.openjdk.jmh.profile.GCProfiler}'s figure: bytes allocated per benchmark operation. */
    private static final String ALLOCATED_PER_OP = "gc.alloc.rate.norm";

    private Report() {}

    static String markdown(String module, Machine machine, Instant started, Collection<RunResult> results) {
        StringBuilder page = new StringBuilder();
        page.append("# Micro-benchmarks: ").append(module).append("\n\n");
        page.append("Measured ")
                .append(WHEN.format(started.atOffset(ZoneOffset.UTC)))
                .append(" on ")
                .append(machine.describe())
                .append(".");
        if (machine.loadAverage() >= 0) {
            page.append(String.format(
                    Locale.ROOT,
                    " Load average before the run: %.2f (other work on the machine shares the cores).",
                    machine.loadAverage()));
        }
        page.append("\n\n");
        Set<String> settings = new LinkedHashSet<>();
        results.forEach(result -> settings.add(settings(result.getParams())));
        page.append(String.join("\n", settings)).append("\n\n");
        page.append("| benchmark | score | ± (99.9 %) | unit | µs/op | CPU µs/op | CPU share | allocated B/op |\n");
        page.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            page.append("| `")
                    .append(name(result.getParams()))
                    .append("` | ")
                    .append(number(primary.getScore()))
                    .append(" | ")
                    .append(number(primary.getScoreError()))
                    .append(" | ")
                    .append(primary.getScoreUnit())
                    .append(" | ")
                    .append(number(microsPerOp(primary.getScore(), primary.getScoreUnit())))
                    .append(" | ")
                    .append(secondary(result, CpuTimeProfiler.CPU_TIME_PER_OP))
                    .append(" | ")
                    .append(secondary(result, CpuTimeProfiler.CPU_SHARE))
                    .append(" | ")
                    .append(secondary(result, ALLOCATED_PER_OP))
                    .append(" |\n");
        }
        return page.toString();
    }

    private static String secondary(RunResult result, String label) {
        Result<?> secondary = result.getSecondaryResults().get(label);
        return secondary == null ? "" : number(secondary.getScore());
    }

    private static String settings(BenchmarkParams params) {
        String jvmOptions = params.getJvmArgs().isEmpty() ? "none" : String.join(" ", params.getJvmArgs());
        return String.format(
                Locale.ROOT,
                "JMH %s, %s, %d fork(s), warm-up %d × %s, measurement %d × %s, %d thread(s); fork JVM options: %s.",
                params.getJmhVersion(),
                params.getMode().longLabel(),
                params.getForks(),
                params.getWarmup().getCount(),
                params.getWarmup().getTime(),
                params.getMeasurement().getCount(),
                params.getMeasurement().getTime(),
                params.getThreads(),
                jvmOptions);
    }

    /** The class and method, without the package, and the parameters if any. */
    private static String name(BenchmarkParams params) {
        String[] parts = params.getBenchmark().split("\\.");
        String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
        if (params.getParamsKeys().isEmpty()) {
            return name;
        }
        return name
                + params.getParamsKeys().stream()
                        .map(key -> key + "=" + params.getParam(key))
                        .collect(Collectors.joining(", ", " (", ")"));
    }

    /** The time per operation in microseconds for throughput and time scores; NaN for any other unit. */
    static double microsPerOp(double score, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            return Double.NaN;
        }
        if (parts[0].equals("ops")) {
            return micros(1, parts[1]) / score;
        }
        if (parts[1].equals("op")) {
            return micros(score, parts[0]);
        }
        return Double.NaN;
    }

    private static double micros(double amount, String timeUnit) {
        return switch (timeUnit) {
            case "s" -> amount * 1e6;
            case "ms" -> amount * 1e3;
            case "us" -> amount;
            case "ns" -> amount / 1e3;
            case "min" -> amount * 60e6;
            default -> Double.NaN;
        };
    }

    /** Three significant digits at least, thousands grouped: 1,234,567 or 12.3 or 0.0456. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || magnitude == 0) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        int decimals = magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 2 - (int) Math.floor(Math.log10(magnitude));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
