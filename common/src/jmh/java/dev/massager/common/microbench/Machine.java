package dev.massager.common.microbench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The machine a run measured on. Figures mean little without it, and on a shared machine the load before the run
 * says how much of it the benchmark had.
 *
 * @param cpu the processor model, as the operating system names it
 * @param processors processors available to the JVM
 * @param memoryBytes physical memory
 * @param os operating system, version and architecture
 * @param jdk the JVM's vendor, name and version
 * @param loadAverage the system load average over the last minute, negative where the OS does not tell
 */
record Machine(String cpu, int processors, long memoryBytes, String os, String jdk, double loadAverage) {

    static Machine current() {
        // The com.sun.management interface is the one with the physical memory size.
        var system = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                system.getTotalMemorySize(),
                property("os.name") + " " + property("os.version") + " " + property("os.arch"),
                property("java.vm.name") + " " + property("java.runtime.version") + " (" + property("java.vm.vendor")
                        + ")",
                system.getSystemLoadAverage());
    }

    /** One line, e.g. {@code AMD EPYC 7B13, 2 processors, 23.5 GiB, Linux 6.1 amd64, OpenJDK ... 17.0.15 (Debian)}. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "%s, %d processors, %.1f GiB, %s, %s",
                cpu,
                processors,
                memoryBytes / (1024.0 * 1024 * 1024),
                os,
                jdk);
    }

    /** The model name Linux gives in {@code /proc/cpuinfo}; the architecture elsewhere. */
    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                return lines.filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst()
                        .orElse(property("os.arch"));
            } catch (IOException | RuntimeException e) {
                return property("os.arch");
            }
        }
        return property("os.arch");
    }

    private static String property(String name) {
        return System.getProperty(name, "?");
    }
}
