package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InfrastructureModeTest {

    @Nested
    class Parsing {

        @ParameterizedTest
        @CsvSource({"embedded, EMBEDDED", "CONTAINERS, CONTAINERS", "' Auto ', AUTO"})
        void shouldReadAModeIgnoringCaseAndBlanks(String value, InfrastructureMode mode) {
            assertThat(InfrastructureMode.parse(value)).isEqualTo(mode);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void shouldDefaultToAuto(String value) {
            assertThat(InfrastructureMode.parse(value)).isEqualTo(InfrastructureMode.AUTO);
        }

        @Test
        void shouldRejectAnUnknownMode() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> InfrastructureMode.parse("docker"))
                    .withMessageContaining("massager.infra")
                    .withMessageContaining("embedded, containers or auto");
        }
    }

    @Nested
    class Resolving {

        @Test
        void shouldUseContainersWhenDockerAnswers() {
            assertThat(InfrastructureMode.AUTO.resolve(() -> true)).isEqualTo(InfrastructureMode.CONTAINERS);
        }

        @Test
        void shouldEmbedWhenDockerDoesNotAnswer() {
            assertThat(InfrastructureMode.AUTO.resolve(() -> false)).isEqualTo(InfrastructureMode.EMBEDDED);
        }

        @Test
        void shouldKeepAnExplicitModeWithoutAskingDocker() {
            assertThat(InfrastructureMode.EMBEDDED.resolve(() -> {
                        throw new AssertionError("Docker was asked");
                    }))
                    .isEqualTo(InfrastructureMode.EMBEDDED);
            assertThat(InfrastructureMode.CONTAINERS.resolve(() -> false)).isEqualTo(InfrastructureMode.CONTAINERS);
        }
    }
}
