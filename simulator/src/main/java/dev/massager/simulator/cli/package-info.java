/** The simulator's command line. */
package dev.massager.simulator.cli;
