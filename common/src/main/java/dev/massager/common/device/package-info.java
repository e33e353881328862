/** What a massager publishes over MQTT: telemetry samples and batches, events and status. */
package dev.massager.common.device;
