package dev.massager.bench.db;

import dev.massager.infra.PostgresConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Connections to the stack's PostgreSQL for seeding and for looking at plans, beside the services' own pools. */
public final class Databases {

    private Databases() {}

    /**
     * A connection to {@code database} for bulk work: more memory for sorts and index builds than the server's
     * defaults, for this connection only; the services' connections keep the defaults.
     */
    public static Connection bulk(PostgresConnection postgres, String database) throws SQLException {
        Connection connection =
                DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("set work_mem = '256MB'");
            statement.execute("set maintenance_work_mem = '1GB'");
        }
        return connection;
    }

    /** Runs {@code sql} and returns the first column of its rows as text, e.g. the lines of an EXPLAIN. */
    public static List<String> lines(Connection connection, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }

    /** The size on disk of a table with its indexes and TOAST, e.g. {@code 9.8 GB}. */
    public static String size(Connection connection, String table) throws SQLException {
        return lines(connection, "select pg_size_pretty(pg_total_relation_size('" + table + "'))")
                .get(0);
    }
}
