/** Real Kafka, PostgreSQL and MQTT servers for tests and local runs: embedded in the JVM, or in containers. */
package dev.massager.infra;
