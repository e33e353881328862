package dev.massager.bench.analytics;

import dev.massager.bench.report.CpuTime;
import dev.massager.bench.report.PeakMemory;
import dev.massager.stack.LocalStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * analytics-service's rebuild command ({@code dev.massager.analytics.rebuild.RebuildNights}) run as its README says,
 * from the service's own fat jar, in a JVM of its own: it migrates, recomputes the {@code nights} table and exits.
 */
final class RebuildCommand {

    private static final String MAIN = "dev.massager.analytics.rebuild.RebuildNights";

    /** Spring Boot's launcher that takes the main class from {@code loader.main}. */
    private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    /** "users 1200/5000 (24.0%) | 350.2 users/s | ETA 0:00:11", redrawn in place. */
    private static final Pattern PROGRESS = Pattern.compile("users (\\d+)/(\\d+) \\([^)]*\\) \\| ([\\d.]+) users/s");

    /** "Time in each step, summed over the workers: sessions to nights 3.4 s, nights 5.6 s." */
    private static final Pattern STEPS = Pattern.compile("Time in each step, summed over the workers: (.*)\\.");

    /** The same heap, collector and JIT as the service, from {@link RebuildCommand#run}'s caller. */
    private final List<String> jvmOptions;

    private final Path jar;
    private final Path log;

    RebuildCommand(Path jar, List<String> jvmOptions, Path log) {
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    /**
     * What one run took.
     *
     * @param wall from the start of the JVM to its exit: what an operator waits
     * @param rebuild the rebuild itself, from the command's own progress (users done at its rate), without the JVM's
     *     and Spring's start
     * @param users users the command rebuilt
     * @param peakRss the JVM's peak resident memory, sampled while it ran
     * @param steps the time in each step of the rebuild, summed over its workers, as the command says it
     * @param cpu the JVM's CPU time, sampled while it ran (its last 200 ms may be missing)
     */
    record Run(Duration wall, Duration rebuild, long users, long peakRss, String steps, Duration cpu) {}

    /**
     * Runs the command to its end.
     *
     * @param properties Spring properties, as for the service (database, JWT key file, ...)
     * @throws IllegalStateException if it exits with another code than 0, with the end of its log
     */
    Run run(Map<String, String> properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-Dloader.main=" + MAIN);
        command.add("-cp");
        command.add(jar.toString());
        command.add(LAUNCHER);
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The service's environment too (malloc arenas), unless this JVM's sets it already.
        LocalStack.SERVICE_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
        Process process = builder.start();
        long peak = 0;
        Duration cpu = Duration.ZERO;
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, PeakMemory.peakRss(process.toHandle()).orElse(0));
            Duration sampled = CpuTime.ofProcess(process.toHandle());
            cpu = sampled.compareTo(cpu) > 0 ? sampled : cpu;
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("The rebuild exited with " + process.exitValue() + "; see " + log + "\n"
                    + output.substring(Math.max(0, output.length() - 3000)));
        }
        Matcher progress = PROGRESS.matcher(output);
        long users = 0;
        OptionalDouble rate = OptionalDouble.empty();
        while (progress.find()) {
            users = Long.parseLong(progress.group(1));
            rate = OptionalDouble.of(Double.parseDouble(progress.group(3)));
        }
        Duration rebuild = rate.isPresent() && rate.getAsDouble() > 0
                ? Duration.ofMillis(Math.round(users / rate.getAsDouble() * 1000))
                : wall;
        Matcher steps = STEPS.matcher(output);
        return new Run(wall, rebuild, users, peak, steps.find() ? steps.group(1) : "not reported", cpu);
    }
}
