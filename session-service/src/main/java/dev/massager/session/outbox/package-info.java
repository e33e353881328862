/** The transactional outbox: records for Kafka written with the state change, relayed after commit. */
package dev.massager.session.outbox;
