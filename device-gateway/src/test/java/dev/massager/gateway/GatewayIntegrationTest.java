package dev.massager.gateway;

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
 * The gateway against the shared broker and Kafka. Every test class uses this one configuration, so the run has a
 * single cached context and a single gateway: two would split the shared subscription's messages between them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"massager.kafka.partitions=5", "massager.gateway.instance-id=gateway-it-${random.uuid}"})
@WithInfrastructure
@interface GatewayIntegrationTest {}
