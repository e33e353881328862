package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract against the servers inside this JVM. */
class EmbeddedInfrastructureIT extends InfrastructureContract {

    @Override
    Infrastructure infrastructure() {
        return Infrastructure.shared(InfrastructureMode.EMBEDDED);
    }

    @Nested
    class Listeners {

        @Test
        void shouldListenOnIpv4LoopbackOnly() {
            Infrastructure infrastructure = infrastructure();

            assertThat(infrastructure.mode()).isEqualTo(InfrastructureMode.EMBEDDED);
            assertThat(infrastructure.kafka().bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(infrastructure.postgres().jdbcUrl("sessions"))
                    .matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/sessions");
            assertThat(infrastructure.mqtt().serverUri()).matches("tcp://127\\.0\\.0\\.1:\\d+");
            assertThat(infrastructure.mqtt().deviceServerUri()).matches("ssl://127\\.0\\.0\\.1:\\d+");
        }
    }
}
