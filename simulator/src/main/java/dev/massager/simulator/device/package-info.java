/** How a massager behaves: the messages it sends for a session, its counter, clock and battery. */
package dev.massager.simulator.device;
