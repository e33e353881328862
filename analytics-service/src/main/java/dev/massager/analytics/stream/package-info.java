/**
 * Consuming topics in batches: one transaction per batch, dead letters for what can never be processed, a pause
 * while the database is away. A copy of session-service's stream package until it moves to a shared module.
 */
package dev.massager.analytics.stream;
