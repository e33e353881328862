package dev.massager.infra.spring;

import dev.massager.infra.PostgresConnection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link WithInfrastructure} on a test class, its superclasses or enclosing classes. Registered in
 * {@code META-INF/spring.factories}, so that every Spring test context bootstrapper applies it.
 */
public final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    /** Used by Spring's factory loading. */
    public InfrastructureContextCustomizerFactory() {}

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        WithInfrastructure annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, WithInfrastructure.class);
        if (annotation == null) {
            return null;
        }
        String database = annotation.database();
        if (!database.isEmpty() && !PostgresConnection.DATABASES.contains(database)) {
            throw new IllegalStateException("@WithInfrastructure(database = \"" + database + "\") on "
                    + testClass.getName() + ": choose one of " + PostgresConnection.DATABASES + " or none");
        }
        return new InfrastructureContextCustomizer(database);
    }
}
