package dev.massager.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class JwtPropertiesTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(WithJwtProperties.class);

    @Nested
    class WithoutAKeyToTrust {

        @Test
        void shouldRefuseToStartNamingBothVariables() {
            runner.run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("JWT_PUBLIC_KEY")
                        .hasMessageContaining("JWT_LOCAL_KEY_FILE");
            });
        }

        @Test
        void shouldRefuseToStartWhenBothAreEmpty() {
            // What application.yml binds when neither environment variable is set.
            runner.withPropertyValues("massager.security.jwt.public-key=", "massager.security.jwt.local-key-file=")
                    .run(context -> assertThat(context).hasFailed());
        }
    }

    @Nested
    class WithAKey {

        @Test
        void shouldTrustTheLocalKeyPairOnlyWhenItsFileIsSet() {
            runner.withPropertyValues("massager.security.jwt.local-key-file=target/some-key.pem")
                    .run(context -> assertThat(context.getBean(JwtProperties.class))
                            .satisfies(properties -> {
                                assertThat(properties.publicKey()).isNull();
                                assertThat(properties.localKeyFile()).isEqualTo(Path.of("target/some-key.pem"));
                            }));
        }

        @Test
        void shouldStartWithAPublicKeyAlone() {
            runner.withPropertyValues(
                            "massager.security.jwt.public-key=file:/run/secrets/jwt.pub",
                            "massager.security.jwt.local-key-file=")
                    .run(context -> assertThat(context.getBean(JwtProperties.class))
                            .satisfies(properties -> {
                                assertThat(properties.publicKey()).isNotNull();
                                assertThat(properties.localKeyFile()).isNull();
                            }));
        }
    }

    @EnableConfigurationProperties(JwtProperties.class)
    static class WithJwtProperties {}
}
