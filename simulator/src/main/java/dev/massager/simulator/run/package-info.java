/** The simulator's modes: weeks of history uploaded quickly, a live fleet in real time, and a load at a fixed rate. */
package dev.massager.simulator.run;
