/** A device's MQTT connection: its own certificate, QoS 1, a retained status and a Last Will. */
package dev.massager.simulator.mqtt;
