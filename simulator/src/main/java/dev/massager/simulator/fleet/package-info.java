/** Who the virtual users are, and what each of their nights holds: pure, deterministic for a seed. */
package dev.massager.simulator.fleet;
