/** Devices: the latest status of each, and the faults they report, counted by firmware. */
package dev.massager.analytics.devices;
