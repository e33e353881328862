/** The device gateway: MQTT in, Kafka out, nothing lost. */
package dev.massager.gateway;
