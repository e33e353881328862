package dev.massager.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and disk reads of the processes of a run, from Linux's {@code /proc/<pid>/stat} and {@code /proc/<pid>/io}:
 * user and system time, and that of the children a process has reaped (PostgreSQL's short-lived workers). Read twice,
 * around the measured part: the difference is what each used meanwhile, which on two shared cores says more than a
 * single throughput figure.
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

    /** CPU time of this JVM so far: the load's clients, and the embedded Kafka and MQTT servers. */
    public static Duration ofThisJvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Duration.ofNanos(os.getProcessCpuTime());
        }
        return Duration.ZERO;
    }

    /**
     * CPU time of the PostgreSQL server listening on {@code port}: its postmaster, the backends and workers it has
     * reaped (counted in its children's time once they exit) and those alive now.
     */
    public static Duration ofPostgres(int port) {
        return ProcessHandle.allProcesses()
                .filter(process -> isPostmaster(process, port))
                .map(CpuTime::of)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** utime + stime + cutime + cstime: fields 14 to 17 of proc(5), 12 to 15 after the command. */
    private static long ticks(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // After the command, which is in parentheses and may itself contain spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11])
                    + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Bytes the PostgreSQL server listening on {@code port} read from storage rather than from the page cache
     * ({@code read_bytes} of {@code /proc/<pid>/io}), over its postmaster and the processes alive under it now.
     */
    public static long postgresDiskReads(int port) {
        return ProcessHandle.allProcesses()
                .filter(process -> isPostmaster(process, port))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .mapToLong(CpuTime::readBytes)
                .sum();
    }

    private static long readBytes(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "io"))) {
                if (line.startsWith("read_bytes:")) {
                    return Long.parseLong(line.substring("read_bytes:".length()).strip());
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The embedded server's postmaster is re-parented once pg_ctl exits: it is found by its command line. */
    private static boolean isPostmaster(ProcessHandle process, int port) {
        ProcessHandle.Info info = process.info();
        if (!info.command().map(command -> command.endsWith("/postgres")).orElse(false)) {
            return false;
        }
        List<String> arguments = List.of(info.arguments().orElse(new String[0]));
        int option = arguments.indexOf("-p");
        return option >= 0
                && option + 1 < arguments.size()
                && arguments.get(option + 1).equals(Integer.toString(port));
    }
}
