package dev.massager.infra.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.regex.Pattern;

/** Creates the empty databases that the services migrate themselves. */
public final class Databases {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Databases() {}

    /**
     * Creates each database that does not exist yet.
     *
     * @param maintenanceJdbcUrl the JDBC URL of a database that exists, usually {@code postgres}
     * @param username a user allowed to create databases
     * @param password its password
     * @param names lower-case database names
     */
    public static void create(String maintenanceJdbcUrl, String username, String password, Collection<String> names) {
        try (Connection connection = DriverManager.getConnection(maintenanceJdbcUrl, username, password);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                Statement create = connection.createStatement()) {
            for (String name : names) {
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
                }
                exists.setString(1, name);
                try (ResultSet found = exists.executeQuery()) {
                    if (!found.next()) {
                        // CREATE DATABASE takes no bind parameters; the name was checked above.
                        create.execute("CREATE DATABASE " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the databases " + names, e);
        }
    }
}
