package dev.massager.bench.report;

import dev.massager.simulator.run.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run, side by side with their targets, and the machine they were measured on. Printed as
 * they come and written as Markdown to {@code target/benchmarks/<name>-<time>.md}, ready to be quoted in
 * {@code docs/performance.md}.
 */
public final class Report {

    /** The system property naming where reports go; the build sets it to the module's {@code target/benchmarks}. */
    public static final String DIRECTORY_PROPERTY = "massager.benchmarks.report-dir";

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** One measured figure. */
    private record Figure(String name, String value, String target) {}

    private final String name;
    private final String title;
    private final String command;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Machine machine = Machine.current();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final PrintStream out;

    /**
     * @param name the benchmark's subcommand, which names the file
     * @param title what was measured, one line
     * @param command the command that reproduces the run
     * @param out where figures are printed as they come
     */
    public Report(String name, String title, String command, PrintStream out) {
        this.name = name;
        this.title = title;
        this.command = command;
        this.out = out;
        out.printf("%s%n  machine: %s%n", title, machine);
    }

    /** Where reports go unless a subcommand is told otherwise. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/benchmarks"));
    }

    /** Records a figure that has a target, e.g. {@code figure("p99", "8.1 ms", "≤ 10 ms")}. */
    public void figure(String figure, String value, String target) {
        figures.add(new Figure(figure, value, target));
        out.printf("  %-60s %s%s%n", figure, value, target.isEmpty() ? "" : "   (target " + target + ")");
    }

    /** Records a figure without a target. */
    public void figure(String figure, String value) {
        figure(figure, value, "");
    }

    /** Records a formatted figure without a target. */
    public void figuref(String figure, String format, Object... args) {
        figure(figure, String.format(Locale.ROOT, format, args));
    }

    /** Adds a remark: what limited a figure, a setting, a caveat. */
    public void note(String note) {
        notes.add(note);
        out.printf("  note: %s%n", note);
    }

    /** Prints a progress line that does not go into the report. */
    public void progress(String format, Object... args) {
        out.printf("  ... " + format + "%n", args);
    }

    /** The machine the run is on. */
    public Machine machine() {
        return machine;
    }

    /**
     * Writes the report to {@code directory}.
     *
     * @return the file written
     */
    public Path write(Path directory) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("- **Date:** ").append(started).append('\n');
        md.append("- **Machine:** ").append(machine).append('\n');
        md.append("- **Command:** `").append(command).append("`\n\n");
        boolean targets = figures.stream().anyMatch(f -> !f.target().isEmpty());
        md.append(
                targets
                        ? "| figure | measured | target |\n| --- | --- | --- |\n"
                        : "| figure | measured |\n| --- | --- |\n");
        for (Figure figure : figures) {
            md.append("| ").append(figure.name()).append(" | ").append(figure.value());
            if (targets) {
                md.append(" | ").append(figure.target());
            }
            md.append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name + "-" + FILE_TIME.format(started) + ".md");
            Files.writeString(file, md);
            out.printf("  report: %s%n", file.toAbsolutePath());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + directory, e);
        }
    }
}
