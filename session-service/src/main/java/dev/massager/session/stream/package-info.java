/**
 * Consuming the device topics: reading records, dead-lettering what can never be processed, and pausing while
 * the database is away.
 */
package dev.massager.session.stream;
