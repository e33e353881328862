package dev.massager.bench;

import dev.massager.infra.PostgresConnection;
import dev.massager.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** What every benchmark run does alike: its logging, where its stack and report go, how it names itself. */
public final class BenchmarkRun {

    private static final String LOGGING_CONFIGURATION = "logback.configurationFile";

    private BenchmarkRun() {}

    /**
     * The local stack's quiet logging (the stack's progress, the servers only when something is wrong), unless one was
     * chosen. Call before anything logs: the jars bring HiveMQ's {@code logback.xml}, which logs every server at INFO.
     */
    public static void quietLogging() {
        if (System.getProperty(LOGGING_CONFIGURATION) == null) {
            System.setProperty(LOGGING_CONFIGURATION, "dev/massager/stack/local-stack-logback.xml");
        }
    }

    /**
     * The stack's defaults for a benchmark: free ports, the module's work directory, only {@code services}.
     *
     * @param jvmOptions for the services, after the stack's own (see {@link LocalStack#JVM_OPTIONS_PROPERTY})
     */
    public static LocalStack.Options stack(Set<LocalStack.Service> services, String jvmOptions) {
        System.setProperty(LocalStack.JVM_OPTIONS_PROPERTY, jvmOptions);
        return LocalStack.Options.defaults()
                .withFreePorts(true)
                .withServices(services)
                .withReadyTimeout(Duration.ofMinutes(5));
    }

    /** {@code target/benchmarks} of the benchmarks module, beside the stack's work directory. */
    public static Path reportDirectory() {
        Path work =
                LocalStack.Options.defaults().workDirectory().toAbsolutePath().normalize();
        return work.resolveSibling("benchmarks");
    }

    /**
     * The command that reproduces this run, for the report: the subcommand with every argument it was given, an
     * argument with spaces in single quotes.
     */
    public static String command(CommandSpec spec) {
        String arguments = spec.root().commandLine().getParseResult().originalArgs().stream()
                .map(argument -> argument.contains(" ") ? "'" + argument + "'" : argument)
                .collect(Collectors.joining(" "));
        return "./mvnw -q -pl benchmarks -am -DskipTests -Pbench package -Dexec.args=\"" + arguments + "\"";
    }

    /** The port of the PostgreSQL server, from its JDBC URL. */
    public static int port(PostgresConnection postgres) {
        String url = postgres.jdbcUrl(PostgresConnection.SESSIONS);
        return URI.create(url.substring("jdbc:".length())).getPort();
    }

    /**
     * The machine's load average over 1, 5 and 15 minutes, e.g. {@code 2.10, 1.85, 1.40}: on a shared machine, how many
     * other processes wanted the cores meanwhile.
     */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A duration as seconds with one decimal, e.g. {@code 73.4 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Bytes as MiB, e.g. {@code 412 MiB}. */
    public static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
    }
}
