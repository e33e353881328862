/** session-service consuming the device topics into PostgreSQL, and a device's publish to its session showing it. */
package dev.massager.bench.sessions;
