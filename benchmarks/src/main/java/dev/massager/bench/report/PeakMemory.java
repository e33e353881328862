package dev.massager.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's resident memory, from Linux's {@code /proc/<pid>/status}. */
public final class PeakMemory {

    private PeakMemory() {}

    /**
     * The peak resident set size of a running process ({@code VmHWM}), in bytes.
     *
     * @return empty when the process is gone or the system does not say (not Linux)
     */
    public static OptionalLong peakRss(ProcessHandle process) {
        return field(process, "VmHWM:");
    }

    /** The current resident set size ({@code VmRSS}), in bytes. */
    public static OptionalLong rss(ProcessHandle process) {
        return field(process, "VmRSS:");
    }

    private static OptionalLong field(ProcessHandle process, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(name)) {
                    // e.g. "VmHWM:	  412344 kB"
                    String[] parts = line.substring(name.length()).strip().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
