package dev.massager.infra.postgres;

import dev.massager.infra.PostgresConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server in a child process, listening on {@code 127.0.0.1}, with the databases
 * {@value PostgresConnection#SESSIONS} and {@value PostgresConnection#ANALYTICS} created at start.
 *
 * <p>The binaries come from a jar and run as the current user, root included. Loopback connections are trusted: any
 * password is accepted. The server runs in UTC with up to 300 connections, and trades durability for speed
 * ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are off): right for tests, wrong for
 * anything else.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder().start()) {
 *     DriverManager.getConnection(postgres.jdbcUrl("sessions"), postgres.username(), postgres.password());
 * }
 * }</pre>
 */
public final class EmbeddedPostgresServer implements PostgresConnection, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String HOST = "127.0.0.1";

    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts configuring a server.
     *
     * @return a builder that creates {@link PostgresConnection#DATABASES} on a free port
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port the server listens on.
     *
     * @return the TCP port on {@code 127.0.0.1}
     */
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    @Override
    public String username() {
        return SUPERUSER;
    }

    @Override
    public String password() {
        return SUPERUSER;
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + HOST + ":" + port() + "]";
    }

    /** Configures and starts an {@link EmbeddedPostgresServer}. */
    public static final class Builder {

        private int port;

        private final List<String> databases = new ArrayList<>(DATABASES);

        private Builder() {}

        /**
         * The port to listen on.
         *
         * @param port a fixed port, or 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The databases to create at start, replacing the default {@link PostgresConnection#DATABASES}.
         *
         * @param names lower-case database names
         * @return this builder
         */
        public Builder databases(List<String> names) {
            databases.clear();
            databases.addAll(names);
            return this;
        }

        /**
         * Starts the server, waits until it accepts connections and creates the databases.
         *
         * @return the running server
         */
        public EmbeddedPostgresServer start() {
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("full_page_writes", "off")
                    .setPGStartupWait(Duration.ofSeconds(30));
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start PostgreSQL", e);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            try {
                Databases.create(server.jdbcUrl("postgres"), server.username(), server.password(), databases);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info(
                    "PostgreSQL started on {}:{} with databases {} in {} ms",
                    HOST,
                    server.port(),
                    databases,
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        }
    }
}
