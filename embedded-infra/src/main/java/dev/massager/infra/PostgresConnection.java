package dev.massager.infra;

import java.util.List;

/** How a client reaches the PostgreSQL server and its databases. */
public interface PostgresConnection {

    /** The database owned by session-service. */
    String SESSIONS = "sessions";

    /** The database owned by analytics-service. */
    String ANALYTICS = "analytics";

    /** The databases that exist, empty, as soon as the server has started. */
    List<String> DATABASES = List.of(SESSIONS, ANALYTICS);

    /**
     * The JDBC URL of one database of this server.
     *
     * @param database a database name, usually one of {@link #DATABASES}
     * @return for example {@code jdbc:postgresql://127.0.0.1:40124/sessions}
     */
    String jdbcUrl(String database);

    /**
     * The user to connect as.
     *
     * @return a superuser of this server
     */
    String username();

    /**
     * The password of {@link #username()}.
     *
     * @return the password; servers that trust loopback connections accept any password
     */
    String password();
}
