package dev.massager.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.massager.common.topic.KafkaTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;

@SessionServiceIntegrationTest
class SessionServiceApplicationIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Nested
    class Operations {

        @Test
        void shouldReportHealthyAndReadyIncludingTheDatabase() throws Exception {
            assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
            assertThat(get("/actuator/health/readiness"))
                    .contains("\"status\":\"UP\"")
                    .contains("\"db\":{\"status\":\"UP\"");
        }

        @Test
        void shouldExposePrometheusMetricsTaggedWithTheApplication() throws Exception {
            assertThat(get("/actuator/prometheus")).contains("application=\"session-service\"");
        }
    }

    @Nested
    class Database {

        @Test
        void shouldMigrateTheSessionsDatabase() {
            assertThat(jdbc.sql("select current_database()").query(String.class).single())
                    .isEqualTo("sessions");
            assertThat(jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
                            .query(String.class)
                            .list())
                    .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        }

        @Test
        void shouldAcceptAWellFormedDeviceIdAndRejectAMalformedOne() {
            String insert = "insert into devices (device_id, pairing_code_hash) values (?, 'hash')";

            assertThat(jdbc.sql(insert).param("m-" + UUID.randomUUID()).update())
                    .isOne();
            assertThatThrownBy(() ->
                            jdbc.sql(insert).param("-" + UUID.randomUUID()).update())
                    .hasMessageContaining("devices_device_id_check");
        }
    }

    @Test
    void shouldCreateTheTopicsItPublishesTo() {
        var topics =
                kafkaAdmin.describeTopics(KafkaTopics.SESSIONS, KafkaTopics.CRAMP_NIGHTS, KafkaTopics.USER_ERASURES);

        assertThat(topics).hasSize(3);
        assertThat(topics.values())
                .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(5));
    }

    private String get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }
}
