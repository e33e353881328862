/**
 * What the modules' JMH micro-benchmarks share: the runner that writes each module's figures and the machine they
 * were measured on to {@code target/jmh/}, and realistic device payloads.
 */
package dev.massager.common.microbench;
