package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InfrastructureTest {

    /** Fixed connection details; no server behind them. */
    static final Infrastructure FIXED = new Infrastructure() {
        @Override
        public InfrastructureMode mode() {
            return InfrastructureMode.EMBEDDED;
        }

        @Override
        public KafkaConnection kafka() {
            return () -> "127.0.0.1:9092";
        }

        @Override
        public PostgresConnection postgres() {
            return new PostgresConnection() {
                @Override
                public String jdbcUrl(String database) {
                    return "jdbc:postgresql://127.0.0.1:5432/" + database;
                }

                @Override
                public String username() {
                    return "postgres";
                }

                @Override
                public String password() {
                    return "secret";
                }
            };
        }

        @Override
        public MqttConnection mqtt() {
            return () -> "tcp://127.0.0.1:1883";
        }

        @Override
        public void close() {}
    };

    @Nested
    class SpringProperties {

        @Test
        void shouldNameKafkaAndMqttWithoutADatabase() {
            assertThat(FIXED.springProperties())
                    .containsOnly(
                            entry("spring.kafka.bootstrap-servers", "127.0.0.1:9092"),
                            entry("massager.mqtt.server-uri", "tcp://127.0.0.1:1883"));
        }

        @Test
        void shouldAddTheDataSourceOfADatabase() {
            assertThat(FIXED.springProperties("sessions"))
                    .containsOnly(
                            entry("spring.kafka.bootstrap-servers", "127.0.0.1:9092"),
                            entry("massager.mqtt.server-uri", "tcp://127.0.0.1:1883"),
                            entry("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/sessions"),
                            entry("spring.datasource.username", "postgres"),
                            entry("spring.datasource.password", "secret"));
        }

        @Test
        void shouldRejectADatabaseThatDoesNotExist() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> FIXED.springProperties("postgres"))
                    .withMessageContaining("[sessions, analytics]");
        }
    }

    @Nested
    class LocalRunBanner {

        @Test
        void shouldPrintEveryConnectionDetailAndThePropertiesOfEachService() {
            String banner = LocalInfrastructure.describe(FIXED);

            assertThat(banner)
                    .contains("Ctrl-C")
                    .contains("127.0.0.1:9092")
                    .contains("jdbc:postgresql://127.0.0.1:5432/sessions")
                    .contains("jdbc:postgresql://127.0.0.1:5432/analytics")
                    .contains("postgres / secret")
                    .contains("tcp://127.0.0.1:1883")
                    .contains("Properties for session-service:\n"
                            + "  --massager.mqtt.server-uri=tcp://127.0.0.1:1883\n"
                            + "  --spring.datasource.password=secret\n"
                            + "  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/sessions\n"
                            + "  --spring.datasource.username=postgres\n"
                            + "  --spring.kafka.bootstrap-servers=127.0.0.1:9092\n");
        }
    }
}
