/**
 * A real MQTT 5 and 3.1.1 broker (HiveMQ Community Edition) running inside the JVM with the device and backend
 * listeners of production, its configuration, and the test device CA whose certificates devices connect with.
 */
package dev.massager.infra.mqtt;
