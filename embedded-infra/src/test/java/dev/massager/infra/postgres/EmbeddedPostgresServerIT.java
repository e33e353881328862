package dev.massager.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.infra.Ports;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerIT {

    @Test
    void shouldServeTheRequestedDatabasesOnAFixedPortUntilClosed() throws Exception {
        int port = Ports.free();
        List<String> databases = new ArrayList<>();

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder()
                .port(port)
                .databases(List.of("scratch"))
                .start()) {
            assertThat(postgres.jdbcUrl("scratch")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/scratch");
            try (Connection connection = DriverManager.getConnection(
                            postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
                    ResultSet rows = connection
                            .createStatement()
                            .executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate")) {
                while (rows.next()) {
                    databases.add(rows.getString(1));
                }
            }
        }

        assertThat(databases).containsExactlyInAnyOrder("postgres", "scratch");
        Ports.assertClosed(port);
    }
}
