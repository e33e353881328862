package dev.massager.bench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's indexes and constraints, put aside for a bulk load and built again afterwards from the definitions the
 * service's own migrations created: a sorted index build after the load is many times faster than maintaining a
 * random-keyed index (and checking a foreign key) row by row, and rebuilding from the catalogue keeps the result
 * exactly what the migrations define.
 */
public final class BulkLoad {

    private record Definition(String name, String ddl) {}

    private final String table;
    private final List<Definition> constraints;
    private final List<Definition> indexes;

    private BulkLoad(String table, List<Definition> constraints, List<Definition> indexes) {
        this.table = table;
        this.constraints = constraints;
        this.indexes = indexes;
    }

    /**
     * Drops the primary key, unique and foreign-key constraints of {@code table} and its other indexes, remembering
     * their definitions. Check and not-null constraints stay: they cost little per row.
     *
     * @param table a table of the connection's {@code public} schema
     * @return what {@link #restore(Connection)} builds again
     */
    public static BulkLoad dropIndexes(Connection connection, String table) throws SQLException {
        List<Definition> constraints = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = ?::regclass and contype in ('p', 'u', 'f')
                order by case contype when 'p' then 0 when 'u' then 1 else 2 end, conname
                """)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    constraints.add(new Definition(rows.getString(1), rows.getString(2)));
                }
            }
        }
        List<Definition> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select i.relname, pg_get_indexdef(i.oid) from pg_index x
                join pg_class i on i.oid = x.indexrelid
                where x.indrelid = ?::regclass
                    and not exists (select 1 from pg_constraint c where c.conindid = i.oid and c.conrelid = x.indrelid)
                order by i.relname
                """)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    indexes.add(new Definition(rows.getString(1), rows.getString(2)));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            // Foreign keys first, then unique and primary keys (their indexes go with them), then plain indexes.
            for (int i = constraints.size() - 1; i >= 0; i--) {
                statement.execute("alter table " + table + " drop constraint "
                        + quote(constraints.get(i).name()));
            }
            for (Definition index : indexes) {
                statement.execute("drop index " + quote(index.name()));
            }
        }
        return new BulkLoad(table, constraints, indexes);
    }

    /** Builds the indexes and constraints again, as they were. */
    public void restore(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Definition constraint : constraints) {
                statement.execute("alter table " + table + " add constraint " + quote(constraint.name()) + " "
                        + constraint.ddl());
            }
            for (Definition index : indexes) {
                statement.execute(index.ddl());
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
