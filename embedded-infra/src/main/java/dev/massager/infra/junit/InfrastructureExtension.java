package dev.massager.infra.junit;

import dev.massager.infra.Infrastructure;
import dev.massager.infra.KafkaConnection;
import dev.massager.infra.MqttConnection;
import dev.massager.infra.PostgresConnection;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared infrastructure ({@link Infrastructure#shared()}, started on first use) into test constructors,
 * test methods and lifecycle methods: parameters of type {@link Infrastructure}, {@link KafkaConnection},
 * {@link PostgresConnection} or {@link MqttConnection}.
 *
 * <pre>{@code
 * @ExtendWith(InfrastructureExtension.class)
 * class TelemetryBridgeIT {
 *
 *     @Test
 *     void shouldForwardTelemetry(MqttConnection mqtt, KafkaConnection kafka) { ... }
 * }
 * }</pre>
 */
public final class InfrastructureExtension implements ParameterResolver {

    private static final Set<Class<?>> RESOLVED =
            Set.of(Infrastructure.class, KafkaConnection.class, PostgresConnection.class, MqttConnection.class);

    /** Used by JUnit. */
    public InfrastructureExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return RESOLVED.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Infrastructure infrastructure = Infrastructure.shared();
        Class<?> type = parameterContext.getParameter().getType();
        if (type == KafkaConnection.class) {
            return infrastructure.kafka();
        }
        if (type == PostgresConnection.class) {
            return infrastructure.postgres();
        }
        if (type == MqttConnection.class) {
            return infrastructure.mqtt();
        }
        return infrastructure;
    }
}
