package dev.massager.simulator.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a measurement ran on.
 *
 * @param cpu the processor model, where the system says
 * @param cores processors the JVM may use
 * @param memoryGiB physical memory
 * @param jdk the Java runtime
 * @param os the operating system
 */
public record Machine(String cpu, int cores, double memoryGiB, String jdk, String os) {

    public static Machine current() {
        long memory =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getTotalMemorySize()
                        : 0;
        return new Machine(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                memory / (1024.0 * 1024 * 1024),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB, %s, %s", cpu, cores, memoryGiB, jdk, os);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
