/** Benchmarks of the pipeline against its limits, each a subcommand of {@link dev.massager.bench.BenchmarkCommand}. */
package dev.massager.bench;
