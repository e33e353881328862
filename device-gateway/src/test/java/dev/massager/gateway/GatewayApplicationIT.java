package dev.massager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.common.topic.KafkaTopics;
import dev.massager.infra.Infrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.core.KafkaAdmin;

@GatewayIntegrationTest
class GatewayApplicationIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    MqttProperties mqtt;

    @Nested
    class Operations {

        @Test
        void shouldReportHealthyAndReady() throws Exception {
            assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
            assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
        }

        @Test
        void shouldExposePrometheusMetricsTaggedWithTheApplication() throws Exception {
            assertThat(get("/actuator/prometheus")).contains("application=\"device-gateway\"");
        }

        @Test
        void shouldBindTheBrokerAddress() {
            assertThat(mqtt.serverUri())
                    .isEqualTo(URI.create(Infrastructure.shared().mqtt().serverUri()));
        }
    }

    @Nested
    class Topics {

        @Test
        void shouldCreateTheTopicsItWritesWithTheConfiguredPartitions() {
            List<String> names = List.of(
                    KafkaTopics.TELEMETRY,
                    KafkaTopics.DEVICE_EVENTS,
                    KafkaTopics.DEVICE_STATUS,
                    KafkaTopics.INGEST_REJECTED);

            Map<String, TopicDescription> topics = kafkaAdmin.describeTopics(names.toArray(String[]::new));

            assertThat(topics).containsOnlyKeys(names);
            assertThat(topics.values())
                    .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(5));
        }

        @Test
        void shouldCompactTheDeviceStatusTopic() throws Exception {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopics.DEVICE_STATUS);
            try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
                Config config =
                        admin.describeConfigs(List.of(resource)).all().get().get(resource);

                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
    }

    private String get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }
}
