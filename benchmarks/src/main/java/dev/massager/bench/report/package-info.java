/** What a benchmark run found, with the machine it ran on, printed and written under {@code target/benchmarks}. */
package dev.massager.bench.report;
