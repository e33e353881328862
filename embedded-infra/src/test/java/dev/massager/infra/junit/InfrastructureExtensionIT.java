package dev.massager.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.infra.Infrastructure;
import dev.massager.infra.KafkaConnection;
import dev.massager.infra.MqttConnection;
import dev.massager.infra.PostgresConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InfrastructureExtension.class)
class InfrastructureExtensionIT {

    private final Infrastructure constructorInjected;

    InfrastructureExtensionIT(Infrastructure infrastructure) {
        this.constructorInjected = infrastructure;
    }

    @Test
    void shouldInjectTheSharedInfrastructureAndItsParts(
            Infrastructure infrastructure, KafkaConnection kafka, PostgresConnection postgres, MqttConnection mqtt) {
        Infrastructure shared = Infrastructure.shared();

        assertThat(infrastructure).isSameAs(shared).isSameAs(constructorInjected);
        assertThat(kafka.bootstrapServers()).isEqualTo(shared.kafka().bootstrapServers());
        assertThat(postgres.jdbcUrl("sessions")).isEqualTo(shared.postgres().jdbcUrl("sessions"));
        assertThat(mqtt.serverUri()).isEqualTo(shared.mqtt().serverUri());
    }
}
