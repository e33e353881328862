package dev.massager.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@AnalyticsIntegrationTest
class AnalyticsServiceApplicationIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldReportHealthyAndReadyIncludingTheDatabase() throws Exception {
        assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness"))
                .contains("\"status\":\"UP\"")
                .contains("\"db\":{\"status\":\"UP\"");
    }

    @Test
    void shouldExposePrometheusMetricsTaggedWithTheApplication() throws Exception {
        assertThat(get("/actuator/prometheus")).contains("application=\"analytics-service\"");
    }

    @Test
    void shouldMigrateTheAnalyticsDatabase() {
        assertThat(jdbc.sql("select current_database()").query(String.class).single())
                .isEqualTo("analytics");
        assertThat(jdbc.sql("select count(*) from cramp_nights")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private String get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }
}
