/** A fleet of virtual massagers and their users, for end-to-end tests, load tests and local runs. */
package dev.massager.simulator;
