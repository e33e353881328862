package dev.massager.bench;

import dev.massager.bench.analytics.AnalyticsBenchmark;
import dev.massager.bench.api.ApiBenchmark;
import dev.massager.bench.ingest.IngestBenchmark;
import dev.massager.bench.sessions.SessionsBenchmark;
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
        subcommands = {
            IngestBenchmark.class,
            SessionsBenchmark.class,
            ApiBenchmark.class,
            AnalyticsBenchmark.class,
            CommandLine.HelpCommand.class
        })
public final class BenchmarkCommand {

    public static void main(String[] args) {
        // Before the first logger: the jars bring HiveMQ's logback.xml, which logs every server's detail at INFO.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/massager/stack/local-stack-logback.xml");
        }
        System.exit(new CommandLine(new BenchmarkCommand()).execute(args));
    }
}
