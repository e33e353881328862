/** What the gateway adds around device payloads: Kafka header names and the rejected-message record. */
package dev.massager.common.ingest;
