package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import javax.net.ssl.SSLSocketFactory;
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
            return new MqttConnection() {
                @Override
                public String serverUri() {
                    return "tcp://127.0.0.1:1883";
                }

                @Override
                public String backendUsername() {
                    return "backend";
                }

                @Override
                public String backendPassword() {
                    return "mqtt-secret";
                }

                @Override
                public String deviceServerUri() {
                    return "ssl://127.0.0.1:8883";
                }

                @Override
                public SSLSocketFactory deviceSocketFactory(String deviceId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public String deviceCaPem() {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public void close() {}
    };

    @Nested
    class SpringProperties {

        @Test
        void shouldNameKafkaAndTheMqttBackendListenerWithoutADatabase() {
            assertThat(FIXED.springProperties())
                    .containsOnly(
                            entry("spring.kafka.bootstrap-servers", "127.0.0.1:9092"),
                            entry("massager.mqtt.server-uri", "tcp://127.0.0.1:1883"),
                            entry("massager.mqtt.username", "backend"),
                            entry("massager.mqtt.password", "mqtt-secret"));
        }

        @Test
        void shouldAddTheDataSourceOfADatabase() {
            assertThat(FIXED.springProperties("sessions"))
                    .containsOnly(
                            entry("spring.kafka.bootstrap-servers", "127.0.0.1:9092"),
                            entry("massager.mqtt.server-uri", "tcp://127.0.0.1:1883"),
                            entry("massager.mqtt.username", "backend"),
                            entry("massager.mqtt.password", "mqtt-secret"),
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
                    .contains("backend / mqtt-secret")
                    .contains("ssl://127.0.0.1:8883")
                    .contains("Properties for session-service:\n"
                            + "  --massager.mqtt.password=mqtt-secret\n"
                            + "  --massager.mqtt.server-uri=tcp://127.0.0.1:1883\n"
                            + "  --massager.mqtt.username=backend\n"
                            + "  --spring.datasource.password=secret\n"
                            + "  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/sessions\n"
                            + "  --spring.datasource.username=postgres\n"
                            + "  --spring.kafka.bootstrap-servers=127.0.0.1:9092\n");
        }
    }
}
