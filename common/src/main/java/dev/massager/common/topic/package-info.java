/** Kafka topic names and the MQTT topic layout, with its parser. */
package dev.massager.common.topic;
