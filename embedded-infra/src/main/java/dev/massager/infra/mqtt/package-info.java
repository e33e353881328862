/** A real MQTT 5 and 3.1.1 broker (HiveMQ Community Edition) running inside the JVM, and its configuration. */
package dev.massager.infra.mqtt;
