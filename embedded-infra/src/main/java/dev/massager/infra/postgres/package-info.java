/** A real PostgreSQL 17 server, run from binaries shipped in a jar, with the services' databases. */
package dev.massager.infra.postgres;
