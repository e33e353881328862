package dev.massager.common.microbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * Runs one module's JMH benchmarks, as the module's {@code jmh} profile does, and writes {@code results.json} (JMH's
 * own) and {@code results.md} (with the machine) to the given directory.
 *
 * <p>Arguments: the module's name, the package its benchmarks live under, the output directory, then any JMH
 * command-line options (a regular expression selects benchmarks, {@code -prof stack} adds a profiler, {@code -f},
 * {@code -wi}, {@code -i} override the benchmarks' own settings). JMH's allocation profiler and the {@link
 * CpuTimeProfiler} always run: bytes per operation are exact whatever else the machine does, and CPU time does not
 * count the time the benchmark waited for a processor.
 */
public final class MicroBenchmarks {

    private MicroBenchmarks() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MicroBenchmarks <module> <benchmark package> <output directory> [JMH options]");
            System.exit(2);
        }
        String module = args[0];
        String benchmarkPackage = args[1];
        Path output = Path.of(args[2]);
        CommandLineOptions jmhOptions = new CommandLineOptions(Arrays.copyOfRange(args, 3, args.length));

        Path json = output.resolve("results.json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(jmhOptions)
                // The test class path also holds common's test jar, and with it common's benchmarks: run only ours.
                .exclude("^(?!" + Pattern.quote(benchmarkPackage + ".") + ")")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        options.addProfiler(CpuTimeProfiler.class);
        if (jmhOptions.getProfilers().stream().noneMatch(MicroBenchmarks::isGcProfiler)) {
            options.addProfiler(GCProfiler.class);
        }

        Files.createDirectories(output);
        Machine machine = Machine.current();
        Instant started = Instant.now();
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            // One -Djmh.args selection applies to every module of the run; most match in one module only. Not on
            // System.out: the runner has closed it.
            System.err.println(module + ": no benchmark matches, nothing written");
            return;
        }
        String report = Report.markdown(module, machine, started, results);
        Path markdown = output.resolve("results.md");
        Files.writeString(markdown, report);
        System.out.println();
        System.out.println(report);
        System.out.println("Written: " + markdown + " and " + json);
    }

    private static boolean isGcProfiler(ProfilerConfig profiler) {
        return profiler.getKlass().equals("gc") || profiler.getKlass().equals(GCProfiler.class.getName());
    }
}
