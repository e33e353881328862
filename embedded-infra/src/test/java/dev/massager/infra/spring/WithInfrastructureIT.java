package dev.massager.infra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.infra.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(WithInfrastructureIT.NoBeans.class)
@WithInfrastructure(database = "analytics")
class WithInfrastructureIT {

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {}

    @Autowired
    Environment environment;

    @Test
    void shouldPointTheContextAtTheSharedInfrastructure() {
        Infrastructure shared = Infrastructure.shared();

        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(shared.kafka().bootstrapServers());
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo(shared.postgres().jdbcUrl("analytics"));
        assertThat(environment.getProperty("spring.datasource.username"))
                .isEqualTo(shared.postgres().username());
        assertThat(environment.getProperty("spring.datasource.password"))
                .isEqualTo(shared.postgres().password());
        assertThat(environment.getProperty("massager.mqtt.server-uri"))
                .isEqualTo(shared.mqtt().serverUri());
        assertThat(environment.getProperty("massager.mqtt.username"))
                .isEqualTo(shared.mqtt().backendUsername());
        assertThat(environment.getProperty("massager.mqtt.password"))
                .isEqualTo(shared.mqtt().backendPassword());
    }

    @Test
    void shouldNameADataSourceThatReachesTheAnalyticsDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        environment.getRequiredProperty("spring.datasource.url"),
                        environment.getRequiredProperty("spring.datasource.username"),
                        environment.getRequiredProperty("spring.datasource.password"));
                ResultSet row = connection.createStatement().executeQuery("SELECT current_database()")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("analytics");
        }
    }

    @Test
    void shouldNameAReachableKafkaBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getRequiredProperty("spring.kafka.bootstrap-servers")))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .hasSize(1);
        }
    }

    @Test
    void shouldNameAReachableMqttBrokerAndItsBackendAccount() throws Exception {
        MqttClient client = new MqttClient(
                environment.getRequiredProperty("massager.mqtt.server-uri"),
                "with_infrastructure_it",
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(environment.getRequiredProperty("massager.mqtt.username"));
        options.setPassword(
                environment.getRequiredProperty("massager.mqtt.password").getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(options);
            assertThat(client.isConnected()).isTrue();
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Nested
    class InANestedClass {

        @Autowired
        Environment nestedEnvironment;

        @Test
        void shouldSeeTheEnclosingClassesDatabase() {
            assertThat(nestedEnvironment.getProperty("spring.datasource.url"))
                    .isEqualTo(Infrastructure.shared().postgres().jdbcUrl("analytics"));
        }
    }

    @Nested
    @WithInfrastructure
    class WithoutADatabase {

        @Autowired
        Environment nestedEnvironment;

        @Test
        void shouldLeaveTheDataSourceAlone() {
            assertThat(nestedEnvironment.getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(Infrastructure.shared().kafka().bootstrapServers());
            assertThat(nestedEnvironment.containsProperty("spring.datasource.url"))
                    .isFalse();
        }
    }
}
