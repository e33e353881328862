package dev.massager.analytics;

import dev.massager.api.testing.ApiClient;
import dev.massager.infra.spring.WithInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole service against the shared Kafka broker and PostgreSQL. Every integration test class uses this one
 * configuration, so the run builds a single cached context. Tests keep out of each other's way with their own user
 * and device ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "massager.kafka.partitions=5",
            // The service trusts this key pair and creates it at start; test tokens are signed with it.
            "massager.security.jwt.local-key-file=" + ApiClient.KEY_FILE
        })
@WithInfrastructure(database = "analytics")
public @interface AnalyticsIntegrationTest {}
