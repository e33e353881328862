package dev.massager.infra.spring;

import dev.massager.infra.Infrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the shared infrastructure's connection details as the first property source. A record, so that equal
 * customizers give equal context cache keys: the servers are the same JVM-wide, only the database tells contexts
 * apart.
 *
 * @param database the database of the data source, or {@code ""} for none
 */
record InfrastructureContextCustomizer(String database) implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "massagerInfrastructure";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Infrastructure infrastructure = Infrastructure.shared();
        Map<String, Object> properties = new LinkedHashMap<>(
                database.isEmpty() ? infrastructure.springProperties() : infrastructure.springProperties(database));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
    }
}
