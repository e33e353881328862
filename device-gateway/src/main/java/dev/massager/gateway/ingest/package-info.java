/** What a device message becomes in Kafka: validation, normalisation, dead letters. */
package dev.massager.gateway.ingest;
