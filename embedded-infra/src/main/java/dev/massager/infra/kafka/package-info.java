/** A real single-node KRaft Kafka broker running inside the JVM. */
package dev.massager.infra.kafka;
