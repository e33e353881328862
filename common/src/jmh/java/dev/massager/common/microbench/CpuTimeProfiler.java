package dev.massager.common.microbench;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark's JVM used per operation, and the share of one processor it got. On a machine that
 * other work shares, the score counts the time the benchmark waited for a processor as well; CPU time does not, so it
 * compares runs made under different loads better. It includes the collector's and the compilers' threads: garbage
 * is part of an operation's cost, and so is compiling when a starved warm-up left the JIT unfinished, which a low
 * share warns of.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    /** Microseconds of CPU time per operation. */
    static final String CPU_TIME_PER_OP = "cpu.time.norm";

    /** CPU time over wall-clock time: 1 when one thread ran all the time, less when it waited for a processor. */
    static final String CPU_SHARE = "cpu.share";

    private final com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuBefore;
    private long wallBefore;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallBefore = System.nanoTime();
        cpuBefore = system.getProcessCpuTime();
    }

    @Override
    public List<Result<?>> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = system.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        long ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult(
                        CPU_TIME_PER_OP, ops == 0 ? Double.NaN : cpu / 1e3 / ops, "us/op", AggregationPolicy.AVG),
                new ScalarResult(CPU_SHARE, wall == 0 ? Double.NaN : (double) cpu / wall, "", AggregationPolicy.AVG));
    }
}
