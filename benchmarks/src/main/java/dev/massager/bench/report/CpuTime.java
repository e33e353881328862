package dev.massager.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time (and disk reads) of the processes of a run, to say which of them a figure was limited by. Read twice, around the
 * measured part: the difference is what each used meanwhile.
 */
public final class CpuTime {

    private CpuTime() {}

    /** CPU time (user and system) of a process so far; zero when the system does not say. */
    public static Duration of(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** CPU time of this JVM so far: the load's clients, and the embedded Kafka and MQTT servers, mostly idle. */
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
                .map(postmaster -> withReapedChildren(postmaster)
                        .plus(postmaster.descendants().map(CpuTime::of).reduce(Duration.ZERO, Duration::plus)))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** utime + stime + cutime + cstime of {@code /proc/<pid>/stat}, in clock ticks of 10 ms. */
    private static Duration withReapedChildren(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The fields after the command, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 11; field <= 14; field++) {
                ticks += Long.parseLong(fields[field]);
            }
            return Duration.ofMillis(ticks * 10);
        } catch (IOException | RuntimeException e) {
            return of(process);
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
