/** Ingest: devices through the broker and the gateway into Kafka, against what the broker and Kafka do alone. */
package dev.massager.bench.ingest;
