package dev.massager.bench;

import dev.massager.bench.analytics.AnalyticsBenchmark;
import dev.massager.bench.api.ApiBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks' command line: one subcommand per figure of {@code docs/performance.md}, each starting the servers
 * and the services it needs on free ports, printing its figures and writing them under {@code target/benchmarks}.
 */
@Command(
        name = "benchmarks",
        mixinStandardHelpOptions = true,
        description = "Measures the pipeline on this machine; each subcommand starts what it needs.",
        subcommands = {CommandLine.HelpCommand.class, ApiBenchmark.class, AnalyticsBenchmark.class})
public final class BenchmarkCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkCommand()).execute(args));
    }
}
