/**
 * Consuming topics in batches, for every service: one transaction per batch, dead letters for what can never be
 * processed, retries in place for a transaction that lost to another, and a pause while the database is away.
 */
package dev.massager.api.stream;
