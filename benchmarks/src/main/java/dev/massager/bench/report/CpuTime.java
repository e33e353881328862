package dev.massager.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time of a process and its live descendants, from Linux's {@code /proc/<pid>/stat}: user and system time, and
 * that of the children it has reaped (PostgreSQL's short-lived workers). On two shared cores, where each one's time
 * went says more than a single throughput figure.
 */
public final class CpuTime {

    /** Linux reports in clock ticks, 100 a second on every common configuration. */
    private static final long TICKS_PER_SECOND = 100;

    private CpuTime() {}

    /** The CPU time of {@code process} and its live descendants so far; zero when they are gone or not on Linux. */
    public static Duration of(ProcessHandle process) {
        long ticks = Stream.concat(Stream.of(process), process.descendants())
                .mapToLong(CpuTime::ticks)
                .sum();
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    /** The CPU time of {@code process} alone, without its descendants; zero when it is gone or not on Linux. */
    public static Duration ofProcess(ProcessHandle process) {
        return Duration.ofMillis(ticks(process) * 1000 / TICKS_PER_SECOND);
    }

    private static long ticks(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // After the command, which is in parentheses and may itself contain spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, cutime, cstime: fields 14 to 17 of proc(5), 12 to 15 after the command.
            return Long.parseLong(fields[11])
                    + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
