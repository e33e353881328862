/** Seeding the services' databases directly, fast: bulk loads and the connections that run them. */
package dev.massager.bench.db;
